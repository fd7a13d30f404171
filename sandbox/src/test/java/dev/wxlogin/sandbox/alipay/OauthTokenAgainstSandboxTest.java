package dev.wxlogin.sandbox.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.wxlogin.alipay.AlipayApp;
import dev.wxlogin.alipay.AlipayException;
import dev.wxlogin.alipay.gateway.AlipayApiException;
import dev.wxlogin.alipay.gateway.AlipayClientSettings;
import dev.wxlogin.alipay.gateway.AlipayError;
import dev.wxlogin.alipay.gateway.AlipayGatewayClient;
import dev.wxlogin.alipay.gateway.AlipaySignatureException;
import dev.wxlogin.alipay.gateway.AlipayUnavailableException;
import dev.wxlogin.alipay.oauth.AlipayOauthToken;
import dev.wxlogin.alipay.oauth.OauthTokenClient;

class OauthTokenAgainstSandboxTest {

    private final AlipayCoreAgainstSandbox world = new AlipayCoreAgainstSandbox();

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void exchangesAnAuthCodeForTheUsersOpenIdInThisApp() {
        String code = world.authCode(AlipayDemoApp.DEMO_APP_ID, "alice");

        AlipayOauthToken token = world.oauth.exchange(world.demoApp(), code);

        assertThat(token.subject()).isEqualTo(world.alipay.users().openId(AlipayDemoApp.DEMO_APP_ID, "alice")).startsWith("0").hasSize(46);
        assertThat(token.subjectIsOpenId()).isTrue();
        assertThat(token.userId()).isEmpty();
        assertThat(token.accessToken()).isNotBlank();
        assertThat(token.expiresIn()).isPositive();
        assertThat(token.toString()).doesNotContain(token.accessToken()).doesNotContain(token.refreshToken());
    }

    @Test
    void anAppOnTheOlderStandardGetsTheUserIdSharedByEveryApp() {
        String code = world.authCode(AlipayCoreAgainstSandbox.USER_ID_APP, "alice");

        AlipayOauthToken token = world.oauth.exchange(world.userIdApp.toAlipayApp(), code);

        assertThat(token.subject()).isEqualTo(world.alipay.users().userId("alice")).matches("2088[0-9]{12}");
        assertThat(token.openId()).isEmpty();
    }

    @Test
    void aCodeServesOnce() {
        String code = world.authCode(AlipayDemoApp.DEMO_APP_ID, "alice");
        world.oauth.exchange(world.demoApp(), code);

        assertApiError(() -> world.oauth.exchange(world.demoApp(), code), e -> {
            assertThat(e.error()).isEqualTo(AlipayError.CODE_INVALID);
            assertThat(e.code()).isEqualTo("ALIPAY_CODE_INVALID");
            assertThat(e.gatewayCode()).isEqualTo("40002");
            assertThat(e.subCode()).isEqualTo("isv.code-invalid");
            assertThat(e.error().category()).isEqualTo(AlipayError.Category.USER_CODE);
        });
    }

    @Test
    void aCodeExpires() {
        String code = world.authCode(AlipayDemoApp.DEMO_APP_ID, "alice");
        world.clock.advance(SandboxAlipay.DEFAULT_CODE_TTL.plusSeconds(1));

        assertApiError(() -> world.oauth.exchange(world.demoApp(), code), e -> assertThat(e.code()).isEqualTo("ALIPAY_CODE_INVALID"));
    }

    @Test
    void anUnknownCodeAndAnotherAppsCodeAreInvalid() {
        String otherAppsCode = world.authCode(AlipayCoreAgainstSandbox.USER_ID_APP, "alice");

        assertApiError(() -> world.oauth.exchange(world.demoApp(), "0123456789abcdef0123456789abcdef"),
                e -> assertThat(e.code()).isEqualTo("ALIPAY_CODE_INVALID"));
        assertApiError(() -> world.oauth.exchange(world.demoApp(), otherAppsCode),
                e -> assertThat(e.code()).isEqualTo("ALIPAY_CODE_INVALID"));
        // The other app's code was not spent by the failed attempt.
        assertThat(world.oauth.exchange(world.userIdApp.toAlipayApp(), otherAppsCode).subject()).startsWith("2088");
    }

    @Test
    void aRequestSignedWithAnotherKeyIsRefusedAsAlipayDoes() {
        AlipayApp wrongPrivateKey = AlipayApp.of(AlipayDemoApp.DEMO_APP_ID, world.userIdApp.appPrivateKeyPem(),
                world.alipay.demoApp().alipayPublicKeyPem(), world.alipay.demoApp().contentKeyBase64());
        String code = world.authCode(AlipayDemoApp.DEMO_APP_ID, "alice");

        assertApiError(() -> world.oauth.exchange(wrongPrivateKey, code), e -> {
            assertThat(e.error()).isEqualTo(AlipayError.INVALID_SIGNATURE);
            assertThat(e.code()).isEqualTo("ALIPAY_REQUEST_SIGNATURE_INVALID");
            assertThat(e.error().category()).isEqualTo(AlipayError.Category.CONFIGURATION);
            // Alipay quotes the content it verified; it stays out of the message, which logs see.
            assertThat(e.subMsg()).contains("grant_type=authorization_code");
            assertThat(e.getMessage()).doesNotContain(code);
        });
        // Refused before the method ran: the code is still good.
        assertThat(world.oauth.exchange(world.demoApp(), code).subject()).isNotBlank();
    }

    @Test
    void anUnknownAppIsRefusedUnsigned() {
        AlipayApp unknown = AlipayApp.of("2021000000000099", world.alipay.demoApp().appPrivateKeyPem(),
                world.alipay.demoApp().alipayPublicKeyPem(), null);

        assertApiError(() -> world.oauth.exchange(unknown, "0123456789abcdef0123456789abcdef"), e -> {
            assertThat(e.code()).isEqualTo("ALIPAY_APP_ID_INVALID");
            assertThat(e.subCode()).isEqualTo("isv.invalid-app-id");
        });
    }

    @Test
    void anAnswerThatDoesNotVerifyWithTheConfiguredAlipayKeyIsRefused() {
        String wrongAlipayKey = world.userIdApp.appPublicKeyPem();
        AlipayApp app = AlipayApp.of(AlipayDemoApp.DEMO_APP_ID, world.alipay.demoApp().appPrivateKeyPem(), wrongAlipayKey, null);

        assertSignatureFailure(() -> world.oauth.exchange(app, world.authCode(AlipayDemoApp.DEMO_APP_ID, "alice")),
                AlipaySignatureException.Reason.RESPONSE_SIGNATURE_INVALID);
    }

    @Test
    void aTamperedAnswerIsRefused() {
        world.alipay.gateway().addFault(AlipayGatewayFault.TAMPERED_ANSWER);

        assertSignatureFailure(() -> world.oauth.exchange(world.demoApp(), world.authCode(AlipayDemoApp.DEMO_APP_ID, "alice")),
                AlipaySignatureException.Reason.RESPONSE_SIGNATURE_INVALID);
    }

    @Test
    void anUnsignedSuccessIsRefused() {
        world.alipay.gateway().addFault(AlipayGatewayFault.UNSIGNED_ANSWER);

        assertSignatureFailure(() -> world.oauth.exchange(world.demoApp(), world.authCode(AlipayDemoApp.DEMO_APP_ID, "alice")),
                AlipaySignatureException.Reason.RESPONSE_UNSIGNED);
    }

    @Test
    void alipayBusyIsTransientAndNotRetried() {
        world.alipay.gateway().addFault(AlipayGatewayFault.SYSTEM_BUSY);
        long before = world.alipay.gateway().callCount();

        assertApiError(() -> world.oauth.exchange(world.demoApp(), world.authCode(AlipayDemoApp.DEMO_APP_ID, "alice")), e -> {
            assertThat(e.code()).isEqualTo("ALIPAY_BUSY");
            assertThat(e.error().category()).isEqualTo(AlipayError.Category.TRANSIENT);
        });
        assertThat(world.alipay.gateway().callCount()).isEqualTo(before + 1);
    }

    @Test
    void anHtmlPageOrNoServerIsUnavailable() {
        world.alipay.gateway().addFault(AlipayGatewayFault.BAD_GATEWAY);
        assertThatThrownBy(() -> world.oauth.exchange(world.demoApp(), world.authCode(AlipayDemoApp.DEMO_APP_ID, "alice")))
                .isInstanceOfSatisfying(AlipayUnavailableException.class, e -> assertThat(e.code()).isEqualTo("ALIPAY_BAD_RESPONSE"));

        String code = world.authCode(AlipayDemoApp.DEMO_APP_ID, "alice");
        java.net.URI gone = world.server.gatewayUrl();
        world.server.close();
        OauthTokenClient nowhere = new OauthTokenClient(new AlipayGatewayClient(
                new AlipayClientSettings(gone, Duration.ofSeconds(2), Duration.ofSeconds(2))));
        assertThatThrownBy(() -> nowhere.exchange(world.demoApp(), code))
                .isInstanceOfSatisfying(AlipayUnavailableException.class, e -> assertThat(e.code()).isEqualTo("ALIPAY_UNREACHABLE"));
    }

    @Test
    void aCodeThatCannotBeOneIsNeverSent() {
        long before = world.alipay.gateway().callCount();

        assertThatThrownBy(() -> world.oauth.exchange(world.demoApp(), " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> world.oauth.exchange(world.demoApp(), "code with spaces")).isInstanceOf(IllegalArgumentException.class);
        assertThat(world.alipay.gateway().callCount()).isEqualTo(before);
    }

    @Test
    void noExceptionQuotesAKeyOrTheCode() {
        String code = world.authCode(AlipayDemoApp.DEMO_APP_ID, "alice");
        world.alipay.gateway().addFault(AlipayGatewayFault.TAMPERED_ANSWER);
        String privateKeyBody = world.alipay.demoApp().appPrivateKeyPem().lines().skip(2).findFirst().orElseThrow();

        assertThatThrownBy(() -> world.oauth.exchange(world.demoApp(), code)).isInstanceOfSatisfying(AlipayException.class, e ->
                assertThat(e.getMessage()).doesNotContain(code).doesNotContain(privateKeyBody)
                        .doesNotContain(Base64.getEncoder().encodeToString(world.alipay.alipayPublicKey().getEncoded()).substring(40, 80)));
    }

    private static void assertApiError(Runnable call, Consumer<AlipayApiException> check) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AlipayApiException.class, check);
    }

    private static void assertSignatureFailure(Runnable call, AlipaySignatureException.Reason reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AlipaySignatureException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.code()).isEqualTo(reason.code());
        });
    }
}
