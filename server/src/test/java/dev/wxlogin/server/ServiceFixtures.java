package dev.wxlogin.server;

import java.lang.reflect.Field;
import java.net.URI;
import java.util.Set;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.app.WeChatApps;
import dev.wxlogin.wechat.WeChatApp;

/**
 * What a {@link ServiceTest} works with, given rather than built by each class: as test and
 * {@code @BeforeEach} parameters, and in {@link Fixture} fields, by type — the {@link HttpTestClient} of
 * the running service, its base URL as a {@link URI} ({@code http://127.0.0.1:port}, for a browser), the
 * {@link SandboxPhone} on its sandbox WeChat, its default {@link WeChatApp} (or that app's appid as a
 * {@code String} field), its {@link PlatformLogins} (users of the other platforms' demo apps), and
 * {@link LoggedIn} users, each a new simulated user logged in through {@code POST /api/v1/login}, named
 * after the parameter or field.
 */
public class ServiceFixtures implements ParameterResolver, TestInstancePostProcessor {

    private static final Set<Class<?>> PARAMETER_TYPES = Set.of(HttpTestClient.class, URI.class, SandboxPhone.class,
            WeChatApp.class, PlatformLogins.class, LoggedIn.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return PARAMETER_TYPES.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return fixture(parameter.getParameter().getType(), parameter.getParameter().getName(), context);
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws IllegalAccessException {
        for (Class<?> type = testInstance.getClass(); type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.isAnnotationPresent(Fixture.class)) {
                    field.setAccessible(true);
                    field.set(testInstance, field.getType() == String.class
                            ? service(context).getBean(WeChatApps.class).defaultApp().appid()
                            : fixture(field.getType(), field.getName(), context));
                }
            }
        }
    }

    private static Object fixture(Class<?> type, String name, ExtensionContext context) {
        ApplicationContext service = service(context);
        int port = Integer.parseInt(service.getEnvironment().getRequiredProperty("local.server.port"));
        HttpTestClient client = new HttpTestClient(port);
        if (type == HttpTestClient.class) {
            return client;
        }
        if (type == URI.class) {
            return URI.create("http://127.0.0.1:" + port);
        }
        if (type == PlatformLogins.class) {
            return new PlatformLogins(service);
        }
        SandboxPhone phone = new SandboxPhone(service.getBean(SandboxWeChat.class).baseUrl());
        if (type == SandboxPhone.class) {
            return phone;
        }
        WeChatApp app = service.getBean(WeChatApps.class).defaultApp();
        if (type == WeChatApp.class) {
            return app;
        }
        if (type == LoggedIn.class) {
            return TestLogins.loginNew(client, phone, app.appid(), name);
        }
        throw new ParameterResolutionException("no fixture of type " + type.getName() + " for " + name);
    }

    private static ApplicationContext service(ExtensionContext context) {
        return SpringExtension.getApplicationContext(context);
    }
}
