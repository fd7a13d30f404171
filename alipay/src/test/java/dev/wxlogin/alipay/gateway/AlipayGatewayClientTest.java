package dev.wxlogin.alipay.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.wxlogin.alipay.AlipayApp;
import dev.wxlogin.alipay.TestKeys;
import dev.wxlogin.alipay.oauth.AlipayOauthToken;
import dev.wxlogin.alipay.oauth.OauthTokenClient;
import dev.wxlogin.alipay.sign.Rsa2Signature;
import dev.wxlogin.alipay.sign.SignContent;

class AlipayGatewayClientTest {

    private static final AlipayApp APP = TestKeys.app("2021000000000001");
    private static final String NODE = "alipay_system_oauth_token_response";
    /** 2026-12-07 03:00:00 UTC, 11:00:00 in Beijing. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T03:00:00Z"), ZoneOffset.UTC);

    private final ScriptedGateway alipay = new ScriptedGateway();
    private final OauthTokenClient oauth = new OauthTokenClient(new AlipayGatewayClient(
            new AlipayClientSettings(alipay.gatewayUrl(), Duration.ofSeconds(5), Duration.ofSeconds(5)),
            java.net.http.HttpClient.newHttpClient(), CLOCK));

    @AfterEach
    void close() {
        alipay.close();
    }

    private static String signed(String node) {
        return "{\"" + NODE + "\":" + node + ",\"sign\":\"" + Rsa2Signature.sign(node, TestKeys.ALIPAY.getPrivate()) + "\"}";
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Test
    void sendsTheCommonParametersSignedInTheQueryAndTheBusinessOnesInTheForm() {
        alipay.answer(signed("{\"access_token\":\"t\",\"expires_in\":\"3600\",\"re_expires_in\":7200,\"refresh_token\":\"r\",\"user_id\":\"2088102150477652\"}"));

        AlipayOauthToken token = oauth.exchange(APP, "4b203fe6c11548bcabd8da5bb087a83b+/=");

        Map<String, String> query = form(alipay.lastQuery);
        Map<String, String> body = form(alipay.lastBody);
        assertThat(query).containsEntry("app_id", "2021000000000001").containsEntry("method", "alipay.system.oauth.token")
                .containsEntry("format", "JSON").containsEntry("charset", "utf-8").containsEntry("sign_type", "RSA2")
                .containsEntry("timestamp", "2026-12-07 11:00:00").containsEntry("version", "1.0").containsKey("sign");
        assertThat(body).containsExactly(Map.entry("grant_type", "authorization_code"), Map.entry("code", "4b203fe6c11548bcabd8da5bb087a83b+/="));
        assertThat(alipay.lastContentType).isEqualTo("application/x-www-form-urlencoded;charset=utf-8");
        Map<String, String> all = new LinkedHashMap<>(query);
        all.putAll(body);
        assertThat(Rsa2Signature.verify(SignContent.of(all), query.get("sign"), TestKeys.APP.getPublic())).isTrue();

        assertThat(token.subject()).isEqualTo("2088102150477652");
        assertThat(token.expiresIn()).isEqualTo(3600);
        assertThat(token.reExpiresIn()).isEqualTo(7200);
    }

    @Test
    void verifiesAnAnswerWhoseTextEscapesSlashesAsAlipaySdkDoes() {
        String asSigned = "{\"access_token\":\"a/b\",\"open_id\":\"074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo\"}";
        String sign = Rsa2Signature.sign(asSigned, TestKeys.ALIPAY.getPrivate());
        alipay.answer("{\"" + NODE + "\":" + asSigned.replace("/", "\\/") + ",\"sign\":\"" + sign + "\"}");

        assertThat(oauth.exchange(APP, "code").accessToken()).isEqualTo("a/b");
    }

    @Test
    void anErrorInsideTheMethodsNodeIsAnError() {
        alipay.answer(signed("{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"isv.something\",\"sub_msg\":\"x\"}"));

        assertThatThrownBy(() -> oauth.exchange(APP, "code")).isInstanceOfSatisfying(AlipayApiException.class,
                e -> assertThat(e.error()).isEqualTo(AlipayError.OTHER_BUSINESS_FAILED));
    }

    @Test
    void aSignedErrorMustVerifyToo() {
        String node = "{\"code\":\"40002\",\"msg\":\"Invalid Arguments\",\"sub_code\":\"isv.code-invalid\",\"sub_msg\":\"授权码code无效\"}";
        alipay.answer("{\"error_response\":" + node + ",\"sign\":\"" + Rsa2Signature.sign(node + " ", TestKeys.ALIPAY.getPrivate()) + "\"}");

        assertThatThrownBy(() -> oauth.exchange(APP, "code")).isInstanceOfSatisfying(AlipaySignatureException.class,
                e -> assertThat(e.code()).isEqualTo("ALIPAY_RESPONSE_SIGNATURE_INVALID"));
    }

    @Test
    void refusesAnswersThatAreNotTheGatewaysOrNotTrustworthy() {
        String node = "{\"access_token\":\"t\",\"user_id\":\"2088102150477652\"}";
        String sign = Rsa2Signature.sign(node, TestKeys.ALIPAY.getPrivate());

        assertBadResponse("{\"" + NODE + "\":" + node + ",\"" + NODE + "\":{\"access_token\":\"t\",\"user_id\":\"2088000000000000\"},\"sign\":\"" + sign + "\"}");
        assertBadResponse("{\"sign\":\"" + sign + "\"}");
        assertBadResponse("<html>502 Bad Gateway</html>");
        assertBadResponse(signed("{\"access_token\":\"t\"}"));
        assertBadResponse(signed("{\"access_token\":\"t\",\"user_id\":\"" + "2".repeat(65) + "\"}"));
        alipay.answer(500, signed(node).getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> oauth.exchange(APP, "code")).isInstanceOfSatisfying(AlipayUnavailableException.class,
                e -> assertThat(e.code()).isEqualTo("ALIPAY_BAD_RESPONSE"));
        alipay.answer(200, new byte[] {'{', (byte) 0xC3, '}'});
        assertThatThrownBy(() -> oauth.exchange(APP, "code")).isInstanceOfSatisfying(AlipayUnavailableException.class,
                e -> assertThat(e.code()).isEqualTo("ALIPAY_BAD_RESPONSE"));
    }

    @Test
    void anAnswerThatNeverComesIsATimeout() {
        alipay.hang();
        OauthTokenClient impatient = new OauthTokenClient(new AlipayGatewayClient(
                new AlipayClientSettings(alipay.gatewayUrl(), Duration.ofSeconds(5), Duration.ofMillis(300))));

        assertThatThrownBy(() -> impatient.exchange(APP, "code")).isInstanceOfSatisfying(AlipayUnavailableException.class,
                e -> assertThat(e.code()).isEqualTo("ALIPAY_TIMEOUT"));
    }

    @Test
    void tellsWellFormedCodesApart() {
        assertThat(OauthTokenClient.isWellFormedCode("4b203fe6c11548bcabd8da5bb087a83b")).isTrue();
        assertThat(OauthTokenClient.isWellFormedCode("")).isFalse();
        assertThat(OauthTokenClient.isWellFormedCode("a b")).isFalse();
        assertThat(OauthTokenClient.isWellFormedCode("码")).isFalse();
        assertThat(OauthTokenClient.isWellFormedCode("a".repeat(129))).isFalse();
    }

    private void assertBadResponse(String body) {
        alipay.answer(body);
        assertThatThrownBy(() -> oauth.exchange(APP, "code")).isInstanceOfSatisfying(AlipayUnavailableException.class,
                e -> assertThat(e.code()).isEqualTo("ALIPAY_BAD_RESPONSE"));
    }
}
