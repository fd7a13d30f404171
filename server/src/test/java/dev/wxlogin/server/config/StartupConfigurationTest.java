package dev.wxlogin.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.WxLoginApplication;
import dev.wxlogin.server.app.WeChatApps;

/** Sandbox mode only when asked for; without credentials the service refuses to start. */
@ExtendWith(OutputCaptureExtension.class)
class StartupConfigurationTest {

    /** Starts the service with these properties as command-line arguments, which outrank application.yml. */
    private static ConfigurableApplicationContext start(String... properties) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "--server.port=0", "--wxlogin.data-dir=./target/test-data/startup-" + java.util.UUID.randomUUID()));
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
    void sandboxModeIsLoud(CapturedOutput output) {
        try (ConfigurableApplicationContext context = start("wxlogin.sandbox.enabled=true", "wxlogin.sandbox.port=0")) {
            SandboxWeChat sandbox = context.getBean(SandboxWeChat.class);
            assertThat(output).contains("SANDBOX MODE").contains(sandbox.baseUrl().toString());
            assertThat(output).doesNotContain(context.getBean(WeChatApps.class).defaultApp().secret());
        }
    }
}
