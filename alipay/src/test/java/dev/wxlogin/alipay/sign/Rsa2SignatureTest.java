package dev.wxlogin.alipay.sign;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Signature;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.wxlogin.alipay.TestKeys;

class Rsa2SignatureTest {

    @Test
    void signsSha256WithRsaOverUtf8InStandardBase64() throws Exception {
        String content = "app_id=2021000000000001&名=值";
        String sign = Rsa2Signature.sign(content, TestKeys.APP.getPrivate());

        Signature jdk = Signature.getInstance("SHA256withRSA");
        jdk.initVerify(TestKeys.APP.getPublic());
        jdk.update(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(jdk.verify(Base64.getDecoder().decode(sign))).isTrue();
        assertThat(Rsa2Signature.verify(content, sign, TestKeys.APP.getPublic())).isTrue();
    }

    @Test
    void refusesAnotherContentAnotherKeyAndMalformedSignatures() {
        String sign = Rsa2Signature.sign("user_id=2088000000000001", TestKeys.APP.getPrivate());

        assertThat(Rsa2Signature.verify("user_id=2088000000000002", sign, TestKeys.APP.getPublic())).isFalse();
        assertThat(Rsa2Signature.verify("user_id=2088000000000001", sign, TestKeys.ALIPAY.getPublic())).isFalse();
        assertThat(Rsa2Signature.verify("user_id=2088000000000001", "not base64 !", TestKeys.APP.getPublic())).isFalse();
        assertThat(Rsa2Signature.verify("user_id=2088000000000001", "", TestKeys.APP.getPublic())).isFalse();
        assertThat(Rsa2Signature.verify("user_id=2088000000000001", null, TestKeys.APP.getPublic())).isFalse();
        assertThat(Rsa2Signature.verify("user_id=2088000000000001", sign.substring(4), TestKeys.APP.getPublic())).isFalse();
    }
}
