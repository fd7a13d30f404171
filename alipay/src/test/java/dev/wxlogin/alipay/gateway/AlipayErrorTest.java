package dev.wxlogin.alipay.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class AlipayErrorTest {

    @Test
    void mapsTheDocumentedSubCodesOfLoginAndPhoneNumber() {
        assertThat(AlipayError.of("40002", "isv.code-invalid")).satisfies(e -> {
            assertThat(e.code()).isEqualTo("ALIPAY_CODE_INVALID");
            assertThat(e.category()).isEqualTo(AlipayError.Category.USER_CODE);
        });
        assertThat(AlipayError.of("40002", "isv.invalid-signature").code()).isEqualTo("ALIPAY_REQUEST_SIGNATURE_INVALID");
        assertThat(AlipayError.of("40002", "isv.invalid-app-id").category()).isEqualTo(AlipayError.Category.CONFIGURATION);
        assertThat(AlipayError.of("40003", "isv.invalid-auth-relations").code()).isEqualTo("ALIPAY_NOT_AUTHORIZED");
        assertThat(AlipayError.of("40001", "isv.missing-encrypt-key").code()).isEqualTo("ALIPAY_CONTENT_KEY_NOT_SET");
        assertThat(AlipayError.of("40006", "isv.insufficient-isv-permissions").code()).isEqualTo("ALIPAY_PERMISSION_DENIED");
        assertThat(AlipayError.of("20000", "aop.unknow-error").category()).isEqualTo(AlipayError.Category.TRANSIENT);
        assertThat(AlipayError.of("40005", "isv.app-call-limited").category()).isEqualTo(AlipayError.Category.RATE_LIMITED);
    }

    @Test
    void readsSubCodesWhateverTheirCaseAsAlipaysTablesVary() {
        assertThat(AlipayError.of("40002", "Isv.invalid-charset")).isEqualTo(AlipayError.INVALID_CHARSET);
        assertThat(AlipayError.of("40002", " ISV.CODE-INVALID ")).isEqualTo(AlipayError.CODE_INVALID);
    }

    @Test
    void fallsBackToTheGatewayCodeThenToOther() {
        assertThat(AlipayError.of("40004", "ACQ.TRADE_HAS_SUCCESS")).isEqualTo(AlipayError.OTHER_BUSINESS_FAILED);
        assertThat(AlipayError.of("20000", null)).isEqualTo(AlipayError.OTHER_SERVICE_UNAVAILABLE);
        assertThat(AlipayError.of("99999", "isv.something-new")).isEqualTo(AlipayError.OTHER);
        assertThat(AlipayError.of(null, null)).isEqualTo(AlipayError.OTHER);
    }

    @Test
    void everyKnownSubCodeIsFoundByItselfAndEveryCodeIsUpperCase() {
        Arrays.stream(AlipayError.values()).forEach(e -> {
            if (e.subCode() != null) {
                assertThat(AlipayError.of(e.gatewayCode(), e.subCode())).isEqualTo(e);
            }
            assertThat(e.code()).matches("ALIPAY_[A-Z_]+");
        });
    }

    @Test
    void theExceptionsMessageKeepsSubMsgOut() {
        AlipayApiException e = new AlipayApiException("40002", "Invalid Arguments", "isv.invalid-signature",
                "验签出错，网关生成的验签字符串为：app_id=1&code=secret-code");

        assertThat(e.getMessage()).contains("40002", "isv.invalid-signature").doesNotContain("secret-code");
        assertThat(e.subMsg()).contains("secret-code");
        assertThat(e.code()).isEqualTo("ALIPAY_REQUEST_SIGNATURE_INVALID");
    }
}
