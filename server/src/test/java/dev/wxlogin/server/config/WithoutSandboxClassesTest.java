package dev.wxlogin.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.wxlogin.sandbox.SandboxApp;
import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.sandbox.SandboxSettings;
import dev.wxlogin.sandbox.SandboxWeChat;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceInstances;

/**
 * Outside sandbox mode the service needs none of the sandbox's classes: a service started in a JVM
 * whose class path lacks the sandbox module starts and logs a user in (against a sandbox running
 * here, in the test's JVM, as WeChat would be elsewhere).
 */
class WithoutSandboxClassesTest {

    private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");

    @Test
    void serviceStartsAndLogsInWithoutTheSandboxOnItsClassPath() throws Exception {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !isSandboxModule(entry))
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(classPath).doesNotContain("wxlogin-sandbox").doesNotContain("sandbox" + File.separator + "target");

        try (SandboxWeChat wechat = SandboxWeChat.start(SandboxSettings.of(new SandboxApp("wxnosandbox000001", "real-secret", true)))) {
            // C1 alone and the serial collector: the service lives for one login, so starting cheaply is what counts.
            Process service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", classPath, "dev.wxlogin.server.WxLoginApplication",
                    "--server.port=0", "--wxlogin.appid=wxnosandbox000001", "--wxlogin.secret=real-secret",
                    "--wxlogin.wechat.base-url=" + wechat.baseUrl(),
                    "--wxlogin.token.key-encryption-secret=" + ServiceInstances.KEY_ENCRYPTION_SECRET,
                    "--wxlogin.data-dir=./target/test-data/no-sandbox-" + UUID.randomUUID())
                    .redirectErrorStream(true).start();
            try {
                StringBuilder log = new StringBuilder();
                // Its own thread, not the common pool, which other tests in this JVM may keep busy.
                CompletableFuture<Integer> port = new CompletableFuture<>();
                Thread reader = new Thread(() -> readOutput(service, log, port), "no-sandbox-service-output");
                reader.setDaemon(true);
                reader.start();
                int servicePort;
                try {
                    servicePort = port.get(180, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    synchronized (log) {
                        throw new AssertionError("the service did not say its port within 180 s; its output:\n" + log, e);
                    }
                }
                assertThat(servicePort).as(log.toString()).isPositive();

                SandboxPhone phone = new SandboxPhone(wechat.baseUrl());
                Response login = new HttpTestClient(servicePort).postJson("/api/v1/login",
                        Map.of("code", phone.login("wxnosandbox000001", "no-sandbox-user").code()));

                assertThat(login.status()).as(login.raw()).isEqualTo(200);
                assertThat(log.toString()).doesNotContain("NoClassDefFoundError").doesNotContain("ClassNotFoundException");
            } finally {
                service.destroy();
                if (!service.waitFor(30, TimeUnit.SECONDS)) {
                    service.destroyForcibly();
                }
            }
        }
    }

    private static boolean isSandboxModule(String entry) {
        Path path = Path.of(entry).normalize();
        return path.getFileName().toString().startsWith("wxlogin-sandbox")
                || (path.endsWith(Path.of("target", "classes")) && path.getParent().getParent().getFileName().toString().equals("sandbox"));
    }

    /**
     * Reads the service's output to its end on this one thread: the lines up to the port go into
     * {@code log} and the port into {@code port} (-1 if the output ended first); the rest is read
     * only to keep the pipe empty, so the service never blocks on its own output. (Handing the rest
     * to another thread while this one closed the reader could leave the close waiting forever on
     * the other thread's blocked read.)
     */
    private static void readOutput(Process service, StringBuilder log, CompletableFuture<Integer> port) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (port.isDone()) {
                    continue;
                }
                synchronized (log) {
                    log.append(line).append('\n');
                }
                Matcher started = STARTED.matcher(line);
                if (started.find()) {
                    port.complete(Integer.parseInt(started.group(1)));
                }
            }
        } catch (java.io.IOException e) {
            // The service ended.
        } finally {
            port.complete(-1);
        }
    }
}
