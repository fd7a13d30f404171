package dev.wxlogin.alipay.sign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SignContentTest {

    /**
     * The example of Alipay's guide to signing without the SDK ("自行实现签名", opendocs.alipay.com/common/02kf5q):
     * the request's parameters in any order, and the exact string to be signed it gives.
     */
    @Test
    void buildsTheStringOfAlipaysSigningGuideExample() {
        String bizContent = "{\"button\":[{\"actionParam\":\"ZFB_HFCZ\",\"actionType\":\"out\",\"name\":\"话费充值\"},"
                + "{\"name\":\"查询\",\"subButton\":[{\"actionParam\":\"ZFB_YECX\",\"actionType\":\"out\",\"name\":\"余额查询\"},"
                + "{\"actionParam\":\"ZFB_LLCX\",\"actionType\":\"out\",\"name\":\"流量查询\"},"
                + "{\"actionParam\":\"ZFB_HFCX\",\"actionType\":\"out\",\"name\":\"话费查询\"}]},"
                + "{\"actionParam\":\"http://m.alipay.com\",\"actionType\":\"link\",\"name\":\"最新优惠\"}]}";
        Map<String, String> request = new LinkedHashMap<>();
        request.put("app_id", "2014072300007148");
        request.put("method", "alipay.mobile.public.menu.add");
        request.put("charset", "GBK");
        request.put("sign_type", "RSA2");
        request.put("timestamp", "2014-07-24 03:07:50");
        request.put("biz_content", bizContent);
        request.put("sign", "e9zEAe4TTQ4LPLQvETPoLGXTiURcxiAKfMVQ6Hrrsx2hmyIEGvSfAQzbLxHrhyZ48wOJXTsD4FPnt+YGdK57+fP1BCbf9rIVycfjhYCqlFhbTu9pFnZgT55W+xbAFb9y7vL0MyAxwXUXvZtQVqEwW7pURtKilbcBTEW7TAxzgro=");
        request.put("version", "1.0");

        assertThat(SignContent.of(request)).isEqualTo("app_id=2014072300007148&biz_content=" + bizContent
                + "&charset=GBK&method=alipay.mobile.public.menu.add&sign_type=RSA2&timestamp=2014-07-24 03:07:50&version=1.0");
    }

    @Test
    void leavesOutEmptyValuesAndKeepsValuesUnencoded() {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("code", "a b&c=d");
        request.put("app_auth_token", "");
        request.put("grant_type", "authorization_code");
        request.put("app_id", "2021000000000001");

        assertThat(SignContent.of(request)).isEqualTo("app_id=2021000000000001&code=a b&c=d&grant_type=authorization_code");
    }

    @Test
    void sortsByCodePointSoUpperCaseComesFirst() {
        assertThat(SignContent.of(Map.of("b", "2", "a", "1", "B", "3", "a_b", "4"))).isEqualTo("B=3&a=1&a_b=4&b=2");
    }
}
