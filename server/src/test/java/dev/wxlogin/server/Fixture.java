package dev.wxlogin.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field of a {@link ServiceTest} class that {@link ServiceFixtures} fills before each test, by its
 * type: {@link HttpTestClient} (to the running service), {@link java.net.URI} (its base URL,
 * {@code http://127.0.0.1:port}), {@link dev.wxlogin.sandbox.SandboxPhone} (the simulated phone on its
 * sandbox WeChat), {@link dev.wxlogin.wechat.WeChatApp} (its default app), {@code String} (that app's
 * appid), {@link PlatformLogins} (users of the other platforms' demo apps) or {@link TestLogins.LoggedIn}
 * (a new user, named after the field, logged in to that app).
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Fixture {
}
