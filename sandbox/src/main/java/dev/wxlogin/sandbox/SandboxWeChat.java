package dev.wxlogin.sandbox;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

import dev.wxlogin.sandbox.alipay.AlipayRoutes;
import dev.wxlogin.sandbox.alipay.SandboxAlipay;
import tools.jackson.databind.JsonNode;

/**
 * A running sandbox WeChat, which also stands in for Douyin and QQ (see {@link SandboxPlatform}).
 * WeChat's own paths answer as WeChat does (JSON served as
 * {@code text/plain}, errcodes with HTTP 200); the {@code /sandbox/...} paths play the phone and
 * steer the sandbox:
 *
 * <ul>
 *   <li>{@code POST /douyin/api/apps/v2/jscode2session}: Douyin's code2Session, {@link DouyinSessionApi}.</li>
 *   <li>{@code GET /qq/sns/jscode2session}: QQ's code2Session, {@link QqSessionApi}.</li>
 *   <li>{@code GET /sns/jscode2session}, {@code GET /wxa/checksession}, {@code GET /wxa/resetusersessionkey}: {@link SessionApi}.</li>
 *   <li>{@code POST /cgi-bin/stable_token}, {@code GET /cgi-bin/token}: {@link AccessTokenApi}, see {@link SimulatedAccessTokens}.</li>
 *   <li>{@code POST /wxa/business/getuserphonenumber}: {@link PhoneNumberApi}.</li>
 *   <li>{@code POST /wxa/getwxacodeunlimit}: {@link WxaCodeApi}, a mini-program code as an image (a QR code
 *       carrying page and scene, see {@link MiniProgramCodes}); errcodes as JSON.</li>
 *   <li>{@code POST /sandbox/phone/...}: the simulated phone, {@link SimulatedPhoneEndpoints}, its camera
 *       ({@code /sandbox/phone/scan}) included.</li>
 *   <li>{@code POST /sandbox/tokens/invalidate}: every token of an app answers 40001 from now on.</li>
 *   <li>{@code POST /sandbox/faults}, {@code DELETE /sandbox/faults}, {@code GET /sandbox/stats}:
 *       queue or clear failures per API, count calls ({@link FaultInjection}).</li>
 * </ul>
 *
 * <p>Clients connect to a {@link ConnectionFront} that relays to the JDK's HTTP server, so that a
 * fault can reset a connection.
 */
public final class SandboxWeChat implements AutoCloseable {

    private final SandboxSettings settings;
    private final SimulatedAccessTokens tokens;
    private final FaultInjection faults = new FaultInjection();
    private final HttpServer server;
    private final ConnectionFront front;
    private final ExecutorService executor;
    private final ExecutorService relayThreads;
    private final SandboxAlipay alipay;

    private SandboxWeChat(SandboxSettings settings) throws IOException {
        this.settings = settings;
        RegisteredApps apps = new RegisteredApps(settings.apps());
        SimulatedWeChatUsers users = new SimulatedWeChatUsers(apps.byAppid(), settings.codeTtl(), settings.clock());
        this.tokens = new SimulatedAccessTokens(settings.tokenLifetime(), settings.clock());
        Watermarks watermarks = new Watermarks(settings.clock());
        AccessTokenApi tokenApi = new AccessTokenApi(apps, tokens);

        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        this.relayThreads = threadPerTask();
        this.front = new ConnectionFront(settings.host(), settings.port(), server.getAddress(), relayThreads);
        SimulatedPhoneEndpoints phone = new SimulatedPhoneEndpoints(apps, users, watermarks);
        this.alipay = SandboxAlipay.create(SandboxAlipay.DEFAULT_CODE_TTL, settings.clock());
        phone.servePlatform(SandboxPlatform.ALIPAY, request -> {
            try {
                return SandboxReply.json(200, alipay.phone().login(
                        textOrNull(request, "appid"), SandboxExchange.requireText(request, "user")));
            } catch (IllegalArgumentException e) {
                throw new BadSandboxRequest(e.getMessage());
            }
        });
        SandboxRoutes routes = new SandboxRoutes(front, faults, new SessionApi(apps, users, tokenApi), tokenApi,
                new PhoneNumberApi(users, tokenApi, watermarks), new WxaCodeApi(tokenApi),
                phone, tokens, apps, new DouyinSessionApi(apps, users), new QqSessionApi(apps, users),
                new AlipayRoutes(alipay));
        this.executor = requestExecutor();
        server.setExecutor(executor);
        server.createContext("/", routes::dispatch);
    }

    /** Starts a sandbox; close it to free the port. */
    public static SandboxWeChat start(SandboxSettings settings) throws IOException {
        SandboxWeChat sandbox = new SandboxWeChat(settings);
        sandbox.server.start();
        sandbox.front.start();
        return sandbox;
    }

    /** Where to point {@code WXLOGIN_WECHAT_BASE_URL}; also the root of the {@code /sandbox/...} endpoints. */
    public URI baseUrl() {
        return URI.create("http://" + settings.host() + ":" + port());
    }

    /**
     * Where a platform's API client points: {@link #baseUrl()} for WeChat, {@code /douyin} below it for
     * Douyin (in place of {@code https://developer.toutiao.com}), {@code /qq} for QQ (in place of
     * {@code https://api.q.qq.com}).
     */
    public URI baseUrl(SandboxPlatform platform) {
        return URI.create(baseUrl() + platform.pathPrefix());
    }

    /** The sandbox Alipay served under {@code /alipay}: its key pair and demo app, for the service's configuration. */
    public SandboxAlipay alipay() {
        return alipay;
    }

    private static String textOrNull(JsonNode request, String field) {
        JsonNode value = request.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    public int port() {
        return front.port();
    }

    /** Queues {@code times} faults for one API, e.g. {@code "jscode2session"}. */
    public void addFault(String api, Fault fault, int times) {
        faults.add(api, fault, times);
    }

    /** Every access_token of the app answers 40001 from now on, as after another server forced a refresh. */
    public void invalidateTokens(String appid) {
        tokens.invalidate(appid);
    }

    /** How many times the API was called, faults included. */
    public long callCount(String api) {
        return faults.callCount(api);
    }

    @Override
    public void close() {
        front.close();
        server.stop(0);
        executor.shutdownNow();
        relayThreads.shutdownNow();
    }

    /** Virtual threads where the JDK has them (21+), a bounded pool on 17. */
    private static ExecutorService requestExecutor() {
        ExecutorService virtual = virtualThreadPerTask();
        return virtual != null ? virtual : Executors.newFixedThreadPool(64);
    }

    /** The relay's threads: virtual where the JDK has them, else daemon platform threads as needed. */
    private static ExecutorService threadPerTask() {
        ExecutorService virtual = virtualThreadPerTask();
        return virtual != null ? virtual : Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "sandbox-relay");
            thread.setDaemon(true);
            return thread;
        });
    }

    private static ExecutorService virtualThreadPerTask() {
        try {
            return (ExecutorService) MethodHandles.publicLookup()
                    .findStatic(Executors.class, "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class))
                    .invoke();
        } catch (Throwable notOnThisJdk) {
            return null;
        }
    }
}
