package dev.wxlogin.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the sandbox on its own, for benchmarks and for pointing a service elsewhere at it.
 * Settings come from the environment: {@code SANDBOX_PORT} (default 9010), {@code SANDBOX_HOST} (the address
 * to listen on, default loopback; a container gives {@code 0.0.0.0}), {@code SANDBOX_APPID}
 * (default {@value SandboxApp#DEFAULT_APPID}) and {@code SANDBOX_SECRET} (required); {@code SANDBOX_DOUYIN_SECRET}
 * and {@code SANDBOX_QQ_SECRET}, when set, also register the Douyin and QQ demo apps
 * ({@value SandboxApp#DEFAULT_DOUYIN_APPID}, {@value SandboxApp#DEFAULT_QQ_APPID}) with those secrets.
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    public static void main(String[] args) throws Exception {
        String secret = System.getenv("SANDBOX_SECRET");
        if (secret == null || secret.isBlank()) {
            System.err.println("SANDBOX_SECRET must be set: the secret the service will present for the sandbox app");
            System.exit(2);
        }
        int port = Integer.parseInt(System.getenv().getOrDefault("SANDBOX_PORT", "9010"));
        String host = System.getenv().getOrDefault("SANDBOX_HOST", "127.0.0.1");
        String appid = System.getenv().getOrDefault("SANDBOX_APPID", SandboxApp.DEFAULT_APPID);
        List<SandboxApp> apps = new ArrayList<>(List.of(new SandboxApp(appid, secret, true)));
        String douyinSecret = System.getenv("SANDBOX_DOUYIN_SECRET");
        if (douyinSecret != null && !douyinSecret.isBlank()) {
            apps.add(SandboxApp.douyin(SandboxApp.DEFAULT_DOUYIN_APPID, douyinSecret, true));
        }
        String qqSecret = System.getenv("SANDBOX_QQ_SECRET");
        if (qqSecret != null && !qqSecret.isBlank()) {
            apps.add(SandboxApp.qq(SandboxApp.DEFAULT_QQ_APPID, qqSecret, true));
        }
        SandboxWeChat sandbox = SandboxWeChat.start(new SandboxSettings(host, port, apps, Duration.ofMinutes(5), Clock.systemUTC()));
        System.out.println("Sandbox WeChat (NOT the real WeChat) listening on " + sandbox.baseUrl() + " for appid(s) "
                + apps.stream().map(a -> a.platform().wireName() + " " + a.appid()).toList());
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
        Thread.currentThread().join();
    }
}
