package dev.wxlogin.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

import dev.wxlogin.sandbox.alipay.AlipayDemoApp;
import dev.wxlogin.sandbox.alipay.SandboxAlipay;
import dev.wxlogin.server.ServiceInstances;
import dev.wxlogin.server.WxLoginApplication;
import dev.wxlogin.server.app.MiniProgramApp;
import dev.wxlogin.server.app.MiniProgramApps;
import dev.wxlogin.server.app.Platform;
import dev.wxlogin.server.app.WeChatApps;
import dev.wxlogin.wechat.WeChatApp;

/**
 * Apps of every platform from the configuration: Douyin and QQ in the app list, Alipay with its keys checked
 * at start; a wrong key or an unknown platform stops the start naming the app and the setting, never a key or a secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class PlatformAppsConfigurationTest {

    private static final String ALIPAY_APPID = "2021000000000042";
    private static final AlipayDemoApp KEYS = AlipayDemoApp.generate(ALIPAY_APPID, SandboxAlipay.create().alipayPublicKey());

    @Test
    void appsOfEveryPlatformAreServedWithoutPrintingSecretsOrKeys(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start("wxlogin.appid=wxreal0000000001", "wxlogin.secret=first-secret-value",
                "wxlogin.app-list=douyin/ttreal000000001:douyin-secret-value,qq/1109000042:qq-secret-value,wechat/wxreal0000000002:second-secret-value",
                "wxlogin.alipay.appid=" + ALIPAY_APPID, "wxlogin.alipay.private-key=" + KEYS.appPrivateKeyPem(),
                "wxlogin.alipay.public-key=" + KEYS.alipayPublicKeyPem(), "wxlogin.alipay.content-key=" + KEYS.contentKeyBase64(),
                "wxlogin.extra-apps[0].platform=douyin", "wxlogin.extra-apps[0].appid=ttreal000000002",
                "wxlogin.extra-apps[0].secret=third-secret-value")) {
            MiniProgramApps apps = context.getBean(MiniProgramApps.class);
            assertThat(apps.all()).extracting(MiniProgramApp::platform, MiniProgramApp::appid).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(Platform.WECHAT, "wxreal0000000001"),
                    org.assertj.core.groups.Tuple.tuple(Platform.DOUYIN, "ttreal000000002"),
                    org.assertj.core.groups.Tuple.tuple(Platform.DOUYIN, "ttreal000000001"),
                    org.assertj.core.groups.Tuple.tuple(Platform.QQ, "1109000042"),
                    org.assertj.core.groups.Tuple.tuple(Platform.WECHAT, "wxreal0000000002"),
                    org.assertj.core.groups.Tuple.tuple(Platform.ALIPAY, ALIPAY_APPID));
            assertThat(apps.require("ttreal000000001").secret()).isEqualTo("douyin-secret-value");
            assertThat(apps.require(ALIPAY_APPID).alipayApp().contentKey()).isPresent();
            assertThat(context.getBean(WeChatApps.class).all()).extracting(WeChatApp::appid)
                    .containsExactly("wxreal0000000001", "wxreal0000000002");
            assertThat(output).contains("douyin:ttreal000000001", "alipay:" + ALIPAY_APPID)
                    .doesNotContain("secret-value").doesNotContain(pemBody(KEYS.appPrivateKeyPem()))
                    .doesNotContain(KEYS.contentKeyBase64());
        }
    }

    @Test
    void aPublicKeyGivenAsThePrivateKeyStopsTheStartNamingTheAppAndTheSetting(CapturedOutput output) {
        assertThatThrownBy(() -> start("wxlogin.appid=wxreal0000000001", "wxlogin.secret=first-secret-value",
                "wxlogin.alipay.appid=" + ALIPAY_APPID, "wxlogin.alipay.private-key=" + KEYS.alipayPublicKeyPem(),
                "wxlogin.alipay.public-key=" + KEYS.alipayPublicKeyPem()))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e))
                        .isInstanceOf(StartRefusedException.class)
                        .hasMessageContaining("Alipay app " + ALIPAY_APPID)
                        .hasMessageContaining("WXLOGIN_ALIPAY_PRIVATE_KEY")
                        .hasMessageContaining("ALIPAY_CONFIG_PRIVATE_KEY_IS_PUBLIC"));
        assertThat(output).doesNotContain(pemBody(KEYS.alipayPublicKeyPem()));
    }

    @Test
    void aContentKeyOfTheWrongSizeStopsTheStartNamingItsSetting(CapturedOutput output) {
        String shortKey = Base64.getEncoder().encodeToString(new byte[10]);
        assertThatThrownBy(() -> start("wxlogin.appid=wxreal0000000001", "wxlogin.secret=first-secret-value",
                "wxlogin.extra-apps[0].platform=alipay", "wxlogin.extra-apps[0].appid=" + ALIPAY_APPID,
                "wxlogin.extra-apps[0].private-key=" + KEYS.appPrivateKeyPem(),
                "wxlogin.extra-apps[0].alipay-public-key=" + KEYS.alipayPublicKeyPem(),
                "wxlogin.extra-apps[0].content-key=" + shortKey))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e))
                        .isInstanceOf(StartRefusedException.class)
                        .hasMessageContaining("wxlogin.extra-apps[0].content-key")
                        .hasMessageContaining("ALIPAY_CONFIG_CONTENT_KEY_INVALID"));
        assertThat(output).doesNotContain(pemBody(KEYS.appPrivateKeyPem()));
    }

    @Test
    void anUnknownPlatformStopsTheStart() {
        assertThatThrownBy(() -> start("wxlogin.appid=wxreal0000000001", "wxlogin.secret=first-secret-value",
                "wxlogin.app-list=douyin/ttreal000000001:douyin-secret-value,tiktok/tt9:hidden-secret-value"))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e).getMessage())
                        .contains("WXLOGIN_APPS entry 2 names an unknown platform").doesNotContain("hidden-secret-value"));
        assertThatThrownBy(() -> start("wxlogin.appid=wxreal0000000001", "wxlogin.secret=first-secret-value",
                "wxlogin.extra-apps[0].platform=tiktok", "wxlogin.extra-apps[0].appid=tt9", "wxlogin.extra-apps[0].secret=s"))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e))
                        .isInstanceOf(StartRefusedException.class).hasMessageContaining("wxlogin.extra-apps[0].platform"));
    }

    @Test
    void anAlipayAppInTheAppListIsRefusedForWantOfKeys() {
        assertThatThrownBy(() -> start("wxlogin.appid=wxreal0000000001", "wxlogin.secret=first-secret-value",
                "wxlogin.app-list=alipay/" + ALIPAY_APPID + ":hidden-secret-value"))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e).getMessage())
                        .contains("WXLOGIN_APPS entry 1 is an Alipay app", "WXLOGIN_ALIPAY_").doesNotContain("hidden-secret-value"));
    }

    /** The base64 of a PEM, which must never be printed (a line of it would do). */
    private static String pemBody(String pem) {
        return pem.lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow();
    }

    private static ConfigurableApplicationContext start(String... properties) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--wxlogin.data-dir=./target/test-data/platform-apps-" + UUID.randomUUID(),
                "--wxlogin.token.key-encryption-secret=" + ServiceInstances.KEY_ENCRYPTION_SECRET,
                "--wxlogin.wechat.base-url=http://127.0.0.1:9", "--wxlogin.douyin.base-url=http://127.0.0.1:9",
                "--wxlogin.qq.base-url=http://127.0.0.1:9", "--wxlogin.alipay.gateway-url=http://127.0.0.1:9/gateway.do"));
        Arrays.stream(properties).map(property -> "--" + property).forEach(args::add);
        return new SpringApplicationBuilder(WxLoginApplication.class).run(args.toArray(String[]::new));
    }
}
