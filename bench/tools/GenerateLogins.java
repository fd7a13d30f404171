import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load-test fixtures for bench/run.sh, run as a single-file program (no build, JDK only):
 *
 * <pre>
 * java GenerateLogins.java payloads --sandbox URL --appid ID --count N --prefix P --out FILE [--users M] [--concurrency C] [--format v1|legacy]
 * java GenerateLogins.java tokens   --sandbox URL --appid ID --count N --prefix P --out FILE --service URL [--field accessToken|refreshToken] [--concurrency C]
 * </pre>
 *
 * <p>Users are named {@code P0 .. P(N-1)}; with {@code --users M} they are {@code P(n mod M)}, so a
 * file of N payloads holds repeat logins of M users (who must have logged in before to be repeats).
 *
 * <p>{@code payloads}: asks the sandbox phone to log in N distinct users and writes one JSON line per
 * user, exactly the body of {@code POST /api/v1/login}: {@code {"code":..,"encryptedData":..,"iv":..}}.
 * With {@code --format legacy} the line is the body of {@code POST /user/wxlogin} instead:
 * {@code {"platCode":..,"platUserInfoMap":{"encryptedData":..,"iv":..}}}. The string tokens are copied verbatim from the sandbox's JSON, so base64 {@code + / =} (and any
 * JSON escapes) survive unchanged. Codes are single-use and live 5 minutes.
 *
 * <p>{@code tokens}: does the same and then logs each user in to the service, writing one
 * {@code accessToken} per line. Exits 3 (with a message) when the login response carries no
 * accessToken, so the caller can skip the {@code /api/v1/me} scenario.
 *
 * <p>Loopback only: refuses URLs whose host is not 127.0.0.1, localhost or [::1].
 */
public final class GenerateLogins {

    static final int NO_TOKENS = 3;

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !(args[0].equals("payloads") || args[0].equals("tokens"))) {
            usage("first argument must be 'payloads' or 'tokens'");
        }
        String mode = args[0];
        Map<String, String> opt = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage("bad option " + args[i]);
            }
            opt.put(args[i].substring(2), args[++i]);
        }
        URI sandbox = loopback(require(opt, "sandbox"));
        String appid = require(opt, "appid");
        int count = Integer.parseInt(require(opt, "count"));
        String prefix = require(opt, "prefix");
        Path out = Path.of(require(opt, "out"));
        int concurrency = Integer.parseInt(opt.getOrDefault("concurrency", "32"));
        URI service = mode.equals("tokens") ? loopback(require(opt, "service")) : null;
        String format = opt.getOrDefault("format", "v1");
        if (!format.equals("v1") && !format.equals("legacy")) {
            usage("--format must be v1 or legacy");
        }
        boolean legacy = format.equals("legacy");
        int users = Integer.parseInt(opt.getOrDefault("users", Integer.toString(count)));
        String field = opt.getOrDefault("field", "accessToken");

        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // the JDK HttpServer and Tomcat speak h1 here; no h2c upgrade dance
                .connectTimeout(Duration.ofSeconds(5))
                .executor(pool)
                .build();

        String[] lines = new String[count];
        AtomicInteger noToken = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<Void>> all = new ArrayList<>(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            final int n = i;
            inFlight.acquire();
            if (failures.get() > 0) {
                break;
            }
            String user = prefix + (n % users);
            String phoneBody = "{\"appid\":" + quote(appid) + ",\"user\":" + quote(user)
                    + ",\"profile\":{\"nickName\":" + quote("bench " + n) + "}}";
            CompletableFuture<Void> f = post(http, sandbox.resolve("/sandbox/phone/login"), phoneBody, null, 3)
                    .thenCompose(reply -> {
                        String code = stringToken(reply, "code");
                        String data = "\"encryptedData\":" + stringToken(reply, "encryptedData")
                                + ",\"iv\":" + stringToken(reply, "iv");
                        String body = legacy
                                ? "{\"platCode\":" + code + ",\"platUserInfoMap\":{" + data + "}}"
                                : "{\"code\":" + code + "," + data + "}";
                        if (service == null) {
                            lines[n] = body;
                            return CompletableFuture.completedFuture(null);
                        }
                        // Never retried: a code is single-use.
                        return post(http, service.resolve("/api/v1/login"), body, null, 0).thenAccept(login -> {
                            String token = stringTokenOrNull(login, field);
                            if (token == null) {
                                noToken.incrementAndGet();
                            } else {
                                lines[n] = token.substring(1, token.length() - 1);
                            }
                        });
                    })
                    .whenComplete((ok, error) -> {
                        if (error != null && failures.getAndIncrement() == 0) {
                            System.err.println("GenerateLogins: " + rootMessage(error));
                        }
                        inFlight.release();
                    });
            all.add(f);
        }
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            // reported above
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdownNow();
        if (failures.get() > 0) {
            System.err.printf("GenerateLogins: FAILED (%d request(s) failed)%n", failures.get());
            System.exit(1);
        }
        if (service != null && noToken.get() > 0) {
            System.err.printf("GenerateLogins: %d of %d login responses carry no %s%n", noToken.get(), count, field);
            System.exit(NO_TOKENS);
        }
        StringBuilder text = new StringBuilder(count * 400);
        for (String line : lines) {
            text.append(line).append('\n');
        }
        Files.writeString(out, text, StandardCharsets.UTF_8);
        System.err.printf("GenerateLogins: %s: %d in %.1f s (%.0f/s, concurrency %d) -> %s%n",
                mode, count, seconds, count / seconds, concurrency, out);
    }

    private static CompletableFuture<String> post(HttpClient http, URI uri, String body, String bearer, int retries) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, error) -> {
                    if (error == null && response.statusCode() == 200) {
                        return CompletableFuture.completedFuture(response.body());
                    }
                    if (retries > 0) {
                        return post(http, uri, body, bearer, retries - 1);
                    }
                    String why = error != null ? rootMessage(error)
                            : "HTTP " + response.statusCode() + ": " + abbreviate(response.body());
                    return CompletableFuture.<String>failedFuture(new IllegalStateException(uri + " -> " + why));
                })
                .thenCompose(f -> f);
    }

    /** The JSON string token (with its quotes, escapes untouched) of the first {@code "name":"..."} in {@code json}. */
    static String stringToken(String json, String name) {
        String token = stringTokenOrNull(json, name);
        if (token == null) {
            throw new IllegalStateException("no string field '" + name + "' in " + abbreviate(json));
        }
        return token;
    }

    static String stringTokenOrNull(String json, String name) {
        String key = "\"" + name + "\"";
        int at = json.indexOf(key);
        while (at >= 0) {
            int i = skipSpace(json, at + key.length());
            if (i < json.length() && json.charAt(i) == ':') {
                i = skipSpace(json, i + 1);
                if (i < json.length() && json.charAt(i) == '"') {
                    int end = i + 1;
                    while (end < json.length() && json.charAt(end) != '"') {
                        end += json.charAt(end) == '\\' ? 2 : 1;
                    }
                    if (end < json.length()) {
                        return json.substring(i, end + 1);
                    }
                }
                return null;
            }
            at = json.indexOf(key, at + 1);
        }
        return null;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static URI loopback(String url) {
        URI uri = URI.create(url);
        String host = uri.getHost();
        if (!("127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host) || "::1".equals(host))) {
            usage("only loopback URLs are allowed, not " + url);
        }
        return uri;
    }

    private static String require(Map<String, String> opt, String name) {
        String value = opt.get(name);
        if (value == null) {
            usage("missing --" + name);
        }
        return value;
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static void usage(String problem) {
        System.err.println("GenerateLogins: " + problem);
        System.err.println("usage: java GenerateLogins.java payloads|tokens --sandbox URL --appid ID --count N"
                + " --prefix P --out FILE [--service URL] [--concurrency C] [--format v1|legacy]");
        System.exit(2);
    }

    static {
        // Keep failures readable; UncheckedIOException is not expected but may surface from the client.
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            System.err.println("GenerateLogins: " + rootMessage(e instanceof UncheckedIOException u ? u.getCause() : e));
            System.exit(1);
        });
    }
}
