package dev.wxlogin.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Runs the sandbox on its own, for benchmarks and for pointing a service elsewhere at it.
 * Settings come from the environment: {@code SANDBOX_PORT} (default 9010), {@code SANDBOX_APPID}
 * (default {@value SandboxApp#DEFAULT_APPID}) and {@code SANDBOX_SECRET} (required).
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
        String appid = System.getenv().getOrDefault("SANDBOX_APPID", SandboxApp.DEFAULT_APPID);
        SandboxWeChat sandbox = SandboxWeChat.start(new SandboxSettings("127.0.0.1", port,
                List.of(new SandboxApp(appid, secret, true)), Duration.ofMinutes(5), Clock.systemUTC()));
        System.out.println("Sandbox WeChat (NOT the real WeChat) listening on " + sandbox.baseUrl() + " for appid " + appid);
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
        Thread.currentThread().join();
    }
}
