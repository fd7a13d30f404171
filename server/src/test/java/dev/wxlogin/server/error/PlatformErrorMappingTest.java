package dev.wxlogin.server.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.wxlogin.alipay.gateway.AlipayApiException;
import dev.wxlogin.alipay.gateway.AlipayError;
import dev.wxlogin.douyin.DouyinApiException;
import dev.wxlogin.douyin.DouyinError;
import dev.wxlogin.qq.QqApiException;
import dev.wxlogin.qq.QqError;

/**
 * Every error each platform's core knows has a precise code of that platform: a bad code is the page's
 * (401), our configuration is never blamed on the page (5xx), and nothing is an INTERNAL_ERROR.
 */
class PlatformErrorMappingTest {

    @Test
    void everyDouyinErrorIsADouyinCodeAndOnlyBadCodesBlameThePage() {
        for (DouyinError error : DouyinError.values()) {
            long errNo = error == DouyinError.OTHER ? 12345 : error.errNo();
            ApiError mapped = ApiErrorMapping.of(new DouyinApiException(errNo, "tips"));
            assertThat(mapped.name()).as("%s", error).startsWith("DOUYIN_");
            assertThat(mapped.status().is4xxClientError()).as("%s", error).isEqualTo(error.isBadCode());
            if (error.isOurConfiguration()) {
                assertThat(mapped).isEqualTo(ApiError.DOUYIN_CONFIG_REJECTED);
            }
        }
    }

    @Test
    void everyQqErrorIsAQqCodeAndOurConfigurationIsNeverThePages() {
        for (QqError error : QqError.values()) {
            int errcode = error == QqError.OTHER ? -1009 : error.errcode();
            ApiError mapped = ApiErrorMapping.of(new QqApiException(errcode, "msg"));
            assertThat(mapped.name()).as("%s", error).startsWith("QQ_");
            if (error.isOurConfiguration()) {
                assertThat(mapped).isEqualTo(ApiError.QQ_CONFIG_REJECTED);
                assertThat(mapped.status().is5xxServerError()).isTrue();
            }
        }
        assertThat(ApiErrorMapping.of(new QqApiException(40029, "invalid code")).status().value()).isEqualTo(401);
    }

    @Test
    void everyAlipaySubCodeMapsByItsCategory() {
        for (AlipayError error : AlipayError.values()) {
            ApiError mapped = ApiErrorMapping.of(new AlipayApiException(error.gatewayCode() == null ? "99999" : error.gatewayCode(),
                    "msg", error.subCode(), "sub msg"));
            assertThat(mapped.name()).as("%s", error).startsWith("ALIPAY_");
            switch (error.category()) {
                case USER_CODE -> assertThat(mapped).as("%s", error).isEqualTo(ApiError.ALIPAY_CODE_INVALID);
                case CONFIGURATION, REQUEST -> assertThat(mapped).as("%s", error).isEqualTo(ApiError.ALIPAY_CONFIG_REJECTED);
                case TRANSIENT -> assertThat(mapped).as("%s", error).isEqualTo(ApiError.ALIPAY_BUSY);
                default -> assertThat(mapped.status().is5xxServerError()).as("%s", error).isTrue();
            }
        }
    }
}
