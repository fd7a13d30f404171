package dev.wxlogin.sandbox.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.wxlogin.alipay.sign.Rsa2Signature;
import dev.wxlogin.alipay.sign.SignContent;
import dev.wxlogin.alipay.keys.KeyText;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The gateway's own checks, request by request, as Alipay's gateway makes them. */
class SandboxAlipayGatewayTest {

    private final SandboxAlipay alipay = SandboxAlipay.create();

    private Map<String, String> signedRequest(String code) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("app_id", AlipayDemoApp.DEMO_APP_ID);
        p.put("method", "alipay.system.oauth.token");
        p.put("charset", "utf-8");
        p.put("sign_type", "RSA2");
        p.put("timestamp", "2026-12-07 11:00:00");
        p.put("version", "1.0");
        p.put("grant_type", "authorization_code");
        p.put("code", code);
        p.put("sign", Rsa2Signature.sign(SignContent.of(p), KeyText.privateKey(alipay.demoApp().appPrivateKeyPem())));
        return p;
    }

    private JsonNode post(Map<String, String> params) {
        String form = params.entrySet().stream()
                .map(e -> java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        GatewayAnswer answer = alipay.gateway().handle(null, "application/x-www-form-urlencoded;charset=utf-8", form.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(answer.text());
    }

    @Test
    void answersASignedRequestWithASignedNode() {
        String code = alipay.phone().getAuthCode(null, "alice").authCode();

        GatewayAnswer answer = alipay.gateway().handle(null, "application/x-www-form-urlencoded",
                signedRequest(code).entrySet().stream()
                        .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&")).getBytes(StandardCharsets.UTF_8));
        String body = answer.text();
        String node = body.substring(body.indexOf(':') + 1, body.indexOf(",\"sign\""));
        String sign = JsonMapper.builder().build().readTree(body).get("sign").stringValue();

        assertThat(body).startsWith("{\"alipay_system_oauth_token_response\":{");
        assertThat(Rsa2Signature.verify(node, sign, alipay.alipayPublicKey())).isTrue();
    }

    @Test
    void checksTheRequestInAlipaysOrder() {
        Map<String, String> noMethod = signedRequest("x");
        noMethod.remove("method");
        assertError(post(noMethod), "40001", "isv.missing-method", false);

        Map<String, String> noAppId = signedRequest("x");
        noAppId.remove("app_id");
        assertError(post(noAppId), "40001", "isv.missing-app-id", false);

        Map<String, String> unsigned = signedRequest("x");
        unsigned.remove("sign");
        assertError(post(unsigned), "40001", "isv.missing-signature", true);

        Map<String, String> rsa1 = signedRequest("x");
        rsa1.put("sign_type", "RSA");
        assertError(post(rsa1), "40002", "isv.invalid-signature-type", true);

        Map<String, String> badTimestamp = signedRequest("x");
        badTimestamp.put("timestamp", "2026/12/07 11:00");
        assertError(post(badTimestamp), "40002", "isv.invalid-timestamp", true);

        Map<String, String> tampered = signedRequest("x");
        tampered.put("code", "y");
        JsonNode refused = post(tampered);
        assertError(refused, "40002", "isv.invalid-signature", true);
        assertThat(refused.get("error_response").get("sub_msg").stringValue()).endsWith("code=y&grant_type=authorization_code&method="
                + "alipay.system.oauth.token&sign_type=RSA2&timestamp=2026-12-07 11:00:00&version=1.0");

        Map<String, String> refresh = signedRequest("x");
        refresh.put("grant_type", "password");
        refresh.put("sign", Rsa2Signature.sign(SignContent.of(refresh), KeyText.privateKey(alipay.demoApp().appPrivateKeyPem())));
        assertError(post(refresh), "40002", "isv.grant-type-invalid", true);

        assertError(post(signedRequest("not-issued")), "40002", "isv.code-invalid", true);
    }

    @Test
    void readsParametersFromTheQueryStringToo() {
        String code = alipay.phone().getAuthCode(null, "alice").authCode();
        String query = signedRequest(code).entrySet().stream()
                .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));

        assertThat(alipay.gateway().handle(query, null, new byte[0]).text()).startsWith("{\"alipay_system_oauth_token_response\":{\"access_token\"");
    }

    @Test
    void thePhonesLoginNamesTheDemoAppBesideTheCode() {
        Map<String, Object> login = alipay.phone().login(null, "alice");

        assertThat(login).containsEntry("platform", "alipay").containsEntry("appid", AlipayDemoApp.DEMO_APP_ID)
                .containsEntry("authSuccessScopes", java.util.List.of("auth_base"));
        assertThat(login.get("code")).isEqualTo(login.get("authCode"));
        assertThat(alipay.demoApp().toString()).doesNotContain(alipay.demoApp().contentKeyBase64());
    }

    private void assertError(JsonNode body, String code, String subCode, boolean signed) {
        JsonNode error = body.get("error_response");
        assertThat(error.get("code").stringValue()).isEqualTo(code);
        assertThat(error.get("sub_code").stringValue()).isEqualTo(subCode);
        assertThat(body.has("sign")).isEqualTo(signed);
    }
}
