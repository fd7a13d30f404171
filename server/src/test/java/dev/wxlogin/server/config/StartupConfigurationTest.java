package dev.wxlogin.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.ServiceInstances;
import dev.wxlogin.server.WxLoginApplication;
import dev.wxlogin.server.app.WeChatApps;
import dev.wxlogin.wechat.WeChatApp;

/** Sandbox mode only when asked for; without credentials the service refuses to start. */
@ExtendWith(OutputCaptureExtension.class)
class StartupConfigurationTest {

    @Test
    void moreAppsComeFromTheEnvironmentAndTheListWithoutPrintingSecrets(CapturedOutput output) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                        "WXLOGIN_APPID", "wxreal0000000001",
                        "WXLOGIN_SECRET", "first-secret-value",
                        "WXLOGIN_APPS", " wxreal0000000002:second-secret-value , wxreal0000000003:third:secret:value,")));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WxLoginApplication.class)
                .environment(environment)
                .run("--server.port=0", "--wxlogin.data-dir=./target/test-data/startup-" + java.util.UUID.randomUUID(),
                        "--wxlogin.token.key-encryption-secret=" + ServiceInstances.KEY_ENCRYPTION_SECRET,
                        "--wxlogin.wechat.base-url=http://127.0.0.1:9",
                        "--wxlogin.extra-apps[0].appid=wxreal0000000004", "--wxlogin.extra-apps[0].secret=fourth-secret-value")) {
            WeChatApps apps = context.getBean(WeChatApps.class);
            assertThat(apps.defaultApp().appid()).isEqualTo("wxreal0000000001");
            assertThat(apps.all()).extracting(WeChatApp::appid)
                    .containsExactly("wxreal0000000001", "wxreal0000000004", "wxreal0000000002", "wxreal0000000003");
            assertThat(apps.require("wxreal0000000003").secret()).isEqualTo("third:secret:value");
            assertThat(output).contains("wxreal0000000003").doesNotContain("secret-value").doesNotContain("secret:value");
        }
    }

    @Test
    void aMalformedAppListStopsTheStartWithoutShowingIt(CapturedOutput output) {
        assertThatThrownBy(() -> start("wxlogin.appid=wxreal0000000001", "wxlogin.secret=first-secret-value",
                "wxlogin.app-list=wxreal0000000002-hidden-secret-value"))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e).getMessage())
                        .contains("WXLOGIN_APPS entry 1").doesNotContain("hidden-secret-value"));
        assertThat(output).doesNotContain("hidden-secret-value");
    }

    /**
     * Starts the service with these properties as command-line arguments, which outrank application.yml;
     * with a key-encryption secret unless they name one.
     */
    private static ConfigurableApplicationContext start(String... properties) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "--server.port=0", "--wxlogin.data-dir=./target/test-data/startup-" + java.util.UUID.randomUUID()));
        if (java.util.Arrays.stream(properties).noneMatch(p -> p.startsWith("wxlogin.token.key-encryption-secret"))) {
            args.add("--wxlogin.token.key-encryption-secret=" + ServiceInstances.KEY_ENCRYPTION_SECRET);
        }
        for (String property : properties) {
            args.add("--" + property);
        }
        return new SpringApplicationBuilder(WxLoginApplication.class).run(args.toArray(String[]::new));
    }

    @Test
    void refusesToStartWithoutCredentialsOrSandbox(CapturedOutput output) {
        assertThatThrownBy(() -> start("wxlogin.appid=", "wxlogin.secret=", "wxlogin.sandbox.enabled=false"))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e))
                        .isInstanceOf(MissingWeChatCredentialsException.class));
        assertThat(output).contains("WXLOGIN_APPID and WXLOGIN_SECRET are not set")
                .contains("WXLOGIN_SANDBOX=true");
    }

    @Test
    void withCredentialsAndNoSandboxNoSandboxIsStarted(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start("wxlogin.appid=wxreal0000000001", "wxlogin.secret=real-secret-value",
                "wxlogin.wechat.base-url=http://127.0.0.1:9")) {
            assertThat(context.getBeanProvider(SandboxWeChat.class).getIfAvailable()).isNull();
            assertThat(context.getBean(WeChatApps.class).defaultApp().appid()).isEqualTo("wxreal0000000001");
            assertThat(output).doesNotContain("SANDBOX MODE").doesNotContain("real-secret-value")
                    .contains("not WeChat's production address");
        }
    }

    @Test
    void aProductionStartWithoutAKeyEncryptionSecretIsRefusedInOneLine(CapturedOutput output) {
        assertThatThrownBy(() -> start("wxlogin.appid=wxreal0000000001", "wxlogin.secret=real-secret-value",
                "wxlogin.wechat.base-url=http://127.0.0.1:9", "wxlogin.token.key-encryption-secret="))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e)).isInstanceOf(StartRefusedException.class));
        assertThat(output).contains("wxlogin refuses to start: WXLOGIN_KEY_ENCRYPTION_SECRET is not set")
                .contains("openssl rand -base64 32")
                .doesNotContain("real-secret-value");
    }

    @Test
    void aShortKeyEncryptionSecretIsRefusedWithoutShowingIt(CapturedOutput output) {
        assertThatThrownBy(() -> start("wxlogin.appid=wxreal0000000001", "wxlogin.secret=real-secret-value",
                "wxlogin.wechat.base-url=http://127.0.0.1:9", "wxlogin.token.key-encryption-secret=weak-kek-value-1234567"))
                .satisfies(e -> assertThat(NestedExceptionUtils.getMostSpecificCause(e)).isInstanceOf(StartRefusedException.class));
        assertThat(output).contains("wxlogin refuses to start: WXLOGIN_KEY_ENCRYPTION_SECRET is too short")
                .doesNotContain("weak-kek-value-1234567");
    }

    @Test
    void aLinkConfirmWindowOutOfItsRangeStopsTheStart(CapturedOutput output) {
        for (String window : new String[] {"30s", "2d"}) {
            assertThatThrownBy(() -> start("wxlogin.sandbox.enabled=true", "wxlogin.sandbox.port=0", "wxlogin.link.confirm-within=" + window))
                    .as(window).isNotNull();
        }
        assertThat(output).contains("wxlogin.link.confirm-within must be between 1m and 1d");
    }

    @Test
    void sandboxModeStartsWithoutAKeyEncryptionSecret(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start("wxlogin.sandbox.enabled=true", "wxlogin.sandbox.port=0",
                "wxlogin.token.key-encryption-secret=")) {
            assertThat(output).contains("stored unencrypted in the database (sandbox mode only)");
        }
    }

    @Test
    void sandboxModeIsLoud(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start("wxlogin.sandbox.enabled=true", "wxlogin.sandbox.port=0")) {
            SandboxWeChat sandbox = context.getBean(SandboxWeChat.class);
            assertThat(output).contains("SANDBOX MODE").contains(sandbox.baseUrl().toString());
            assertThat(output).doesNotContain(context.getBean(WeChatApps.class).defaultApp().secret());
        }
    }
}
