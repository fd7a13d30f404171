package dev.wxlogin.sandbox;

import static dev.wxlogin.sandbox.CoreAgainstSandbox.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.wxlogin.wechat.api.WeChatApiException;
import dev.wxlogin.wechat.api.WeChatUnavailableException;
import dev.wxlogin.wechat.wxacode.WxaCodeClient;

/** Mini-program codes: the core's client gets a real PNG from the sandbox, and the phone reads it back. */
class SandboxWxaCodeTest {

    private static final String PAGE = "pages/web-login/confirm";
    private static final String SCENE = "AbCdEfGhIjKlMnOpQrStUv";

    private final CoreAgainstSandbox wechat = new CoreAgainstSandbox();
    private final WxaCodeClient codes = new WxaCodeClient(wechat.calls);

    @AfterEach
    void stop() {
        wechat.close();
    }

    @Test
    void codeIsAPngQrCodeThatThePhoneScansToItsPageAndScene() {
        byte[] png = codes.unlimited(APP, PAGE, SCENE, 430);

        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(MiniProgramCodes.read(png)).isEqualTo(new MiniProgramCodes.Scanned(PAGE, SCENE));
        assertThat(wechat.phone.scan(png)).isEqualTo(new MiniProgramCodes.Scanned(PAGE, SCENE));
        assertThat(wechat.sandbox.callCount("getwxacodeunlimit")).isEqualTo(1);
    }

    @Test
    void staleAccessTokenIsReplacedOnceAndTheCodeStillComes() {
        codes.unlimited(APP, PAGE, SCENE, 430);
        wechat.sandbox.invalidateTokens(APP.appid());

        assertThat(MiniProgramCodes.read(codes.unlimited(APP, PAGE, "x", 280)).scene()).isEqualTo("x");
        assertThat(wechat.sandbox.callCount("getwxacodeunlimit")).isEqualTo(3);
    }

    @Test
    void faultsAnswerAsWeChatDoesAsJsonErrcodes() {
        wechat.sandbox.addFault("getwxacodeunlimit", Fault.errcode(45009), 1);
        assertThatThrownBy(() -> codes.unlimited(APP, PAGE, SCENE, 430))
                .isInstanceOfSatisfying(WeChatApiException.class, e -> assertThat(e.errcode()).isEqualTo(45009));

        wechat.sandbox.addFault("getwxacodeunlimit", Fault.html502(), 1);
        assertThatThrownBy(() -> codes.unlimited(APP, PAGE, SCENE, 430)).isInstanceOf(WeChatUnavailableException.class);
    }

    @Test
    void sceneLongerThanWeChatAllowsIsNeverSent() {
        assertThatThrownBy(() -> codes.unlimited(APP, PAGE, "x".repeat(33), 430)).isInstanceOf(IllegalArgumentException.class);
        assertThat(wechat.sandbox.callCount("getwxacodeunlimit")).isZero();
    }

    @Test
    void phoneScanOfSomethingThatIsNoCodeIsRefused() {
        assertThatThrownBy(() -> wechat.phone.scan(new byte[] {1, 2, 3})).hasMessageContaining("400");
    }
}
