package dev.wxlogin.sandbox.alipay;

import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sandbox Alipay: its own RSA2 key pair (the "Alipay public key" apps configure), the apps it knows,
 * its users, its gateway and the phone side, with one demo app registered from the start. Its own and the
 * demo app's key pairs are the process's ({@link SandboxAlipayKeys}); the rest is its own. Carried by
 * {@link SandboxAlipayServer}, or by any server that routes {@code POST /gateway.do} to {@link #gateway()}.
 * Thread-safe.
 */
public final class SandboxAlipay {

    /** How long an auth code stays valid: Alipay says "3 minutes to 24 hours"; the sandbox takes the short end. */
    public static final Duration DEFAULT_CODE_TTL = Duration.ofMinutes(3);

    private final KeyPair alipayKeys = SandboxAlipayKeys.alipay();
    private final Map<String, SandboxAlipayApp> apps = new ConcurrentHashMap<>();
    private final SimulatedAlipayUsers users;
    private final AlipayGateway gateway;
    private final SimulatedAlipayPhone phone;
    private final AlipayDemoApp demoApp;

    private SandboxAlipay(Duration codeTtl, Clock clock) {
        this.users = new SimulatedAlipayUsers(codeTtl, clock);
        this.demoApp = register(
                AlipayDemoApp.withKeys(AlipayDemoApp.DEMO_APP_ID, SandboxAlipayKeys.demoApp(), alipayKeys.getPublic()), true);
        this.gateway = new AlipayGateway(apps, users, alipayKeys.getPrivate(), clock);
        this.phone = new SimulatedAlipayPhone(apps::get, users, alipayKeys.getPrivate(), demoApp.appId());
    }

    /** A sandbox Alipay with the demo app (on the openid standard), 3-minute codes, the system clock. */
    public static SandboxAlipay create() {
        return create(DEFAULT_CODE_TTL, Clock.systemUTC());
    }

    /** A sandbox Alipay with the demo app, on the given code lifetime and clock (tests move it). */
    public static SandboxAlipay create(Duration codeTtl, Clock clock) {
        Objects.requireNonNull(codeTtl, "codeTtl");
        Objects.requireNonNull(clock, "clock");
        return new SandboxAlipay(codeTtl, clock);
    }

    /**
     * Registers another app with fresh keys, as a developer creating one on the console would.
     *
     * @param openIdMode whether oauth.token answers {@code open_id} rather than {@code user_id}
     */
    public AlipayDemoApp addApp(String appId, boolean openIdMode) {
        return register(AlipayDemoApp.generate(appId, alipayKeys.getPublic()), openIdMode);
    }

    private AlipayDemoApp register(AlipayDemoApp app, boolean openIdMode) {
        if (apps.putIfAbsent(app.appId(), app.registration(openIdMode)) != null) {
            throw new IllegalArgumentException("the sandbox Alipay already knows app " + app.appId());
        }
        return app;
    }

    /** The demo app sandbox mode serves: APPID {@value AlipayDemoApp#DEMO_APP_ID}, everything the service configures. */
    public AlipayDemoApp demoApp() {
        return demoApp;
    }

    /** The sandbox Alipay's public key: what apps configure as "Alipay public key". */
    public PublicKey alipayPublicKey() {
        return alipayKeys.getPublic();
    }

    /** {@code POST /gateway.do}. */
    public AlipayGateway gateway() {
        return gateway;
    }

    /** The phone side: {@code my.getAuthCode}, {@code my.getPhoneNumber}, and the phone's login answer. */
    public SimulatedAlipayPhone phone() {
        return phone;
    }

    /** The users, for tests that check ids. */
    public SimulatedAlipayUsers users() {
        return users;
    }
}
