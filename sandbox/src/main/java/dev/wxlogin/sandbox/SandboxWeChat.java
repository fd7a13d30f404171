package dev.wxlogin.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.wxlogin.wechat.SessionKey;
import dev.wxlogin.wechat.crypto.RawDataSignature;
import dev.wxlogin.wechat.session.SessionKeySignature;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A running sandbox WeChat. WeChat's own paths answer as WeChat does (JSON served as
 * {@code text/plain}, errcodes with HTTP 200); the {@code /sandbox/...} paths play the phone and
 * steer the sandbox:
 *
 * <ul>
 *   <li>{@code GET /sns/jscode2session}: code2Session, codes single-use and expiring.</li>
 *   <li>{@code POST /cgi-bin/stable_token}, {@code GET /cgi-bin/token}: access_tokens per app, see
 *       {@link SimulatedAccessTokens}.</li>
 *   <li>{@code POST /wxa/business/getuserphonenumber}: trades a phone code once for the number.</li>
 *   <li>{@code POST /wxa/getwxacodeunlimit}: a mini-program code as an image (a QR code carrying page and
 *       scene, see {@link MiniProgramCodes}); errcodes as JSON.</li>
 *   <li>{@code GET /wxa/checksession}, {@code GET /wxa/resetusersessionkey}: check or replace a
 *       user's session_key, proven by its hmac_sha256 signature over the empty string.</li>
 *   <li>{@code POST /sandbox/phone/login}: what a mini program gets from {@code wx.login()} and the
 *       user-info call: a code plus encryptedData, iv, rawData and signature made with the new session_key.</li>
 *   <li>{@code POST /sandbox/phone/encrypt}: encrypts any payload (run data, share info) with the user's current key.</li>
 *   <li>{@code POST /sandbox/phone/phonecode}: what the getPhoneNumber button gives: a single-use phone code.</li>
 *   <li>{@code POST /sandbox/phone/phone-encrypted}: the legacy button's encryptedData/iv of the phone number.</li>
 *   <li>{@code POST /sandbox/phone/scan}: the camera on a mini-program code ({@code image}, base64) or a
 *       {@code scene}: answers the {@code page} and {@code scene} the mini program would open.</li>
 *   <li>{@code POST /sandbox/tokens/invalidate}: every token of an app answers 40001 from now on.</li>
 *   <li>{@code POST /sandbox/faults}, {@code DELETE /sandbox/faults}: queue or clear failures per API.</li>
 *   <li>{@code GET /sandbox/stats}: how often each WeChat API was called.</li>
 * </ul>
 */
public final class SandboxWeChat implements AutoCloseable {

    /** The anonymous grey avatar that current WeChat versions hand out instead of the real one. */
    static final String ANONYMOUS_AVATAR =
            "https://thirdwx.qlogo.cn/mmopen/vi_32/POgEwh4mIHO4nibH0KlMECNjjGxQUq24ZEaGT4poC6icRiccVGKSyXwibcPq4BWmiaIGuG1icwxaQX6grC9VemZoJ8rg/132";
    private static final String JSCODE2SESSION = "jscode2session";
    private static final String STABLE_TOKEN = "stable_token";
    private static final String TOKEN = "token";
    private static final String GET_USER_PHONE_NUMBER = "getuserphonenumber";
    private static final String CHECK_SESSION = "checksession";
    private static final String GET_WXA_CODE_UNLIMIT = "getwxacodeunlimit";
    /** WeChat's limit on a code's scene: 32 visible characters. */
    private static final int MAX_SCENE_LENGTH = 32;
    private static final String RESET_USER_SESSION_KEY = "resetusersessionkey";
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final SandboxSettings settings;
    private final Map<String, SandboxApp> apps;
    private final SimulatedWeChatUsers users;
    private final SimulatedAccessTokens tokens;
    private final FaultPlan faults = new FaultPlan();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final WeChatDataEncryptor encryptor = new WeChatDataEncryptor();
    private final ObjectMapper json = JsonMapper.builder().build();
    private final HttpServer server;
    private final ExecutorService executor;

    private SandboxWeChat(SandboxSettings settings) throws IOException {
        this.settings = settings;
        this.apps = settings.apps().stream().collect(Collectors.toUnmodifiableMap(SandboxApp::appid, Function.identity()));
        this.users = new SimulatedWeChatUsers(apps, settings.codeTtl(), settings.clock());
        this.tokens = new SimulatedAccessTokens(settings.tokenLifetime(), settings.clock());
        this.server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 1024);
        this.executor = requestExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
    }

    /** Starts a sandbox; close it to free the port. */
    public static SandboxWeChat start(SandboxSettings settings) throws IOException {
        SandboxWeChat sandbox = new SandboxWeChat(settings);
        sandbox.server.start();
        return sandbox;
    }

    /** Where to point {@code WXLOGIN_WECHAT_BASE_URL}. */
    public URI baseUrl() {
        return URI.create("http://" + settings.host() + ":" + port());
    }

    public int port() {
        return server.getAddress().getPort();
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
        LongAdder adder = calls.get(api);
        return adder == null ? 0 : adder.sum();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- dispatch ---------------------------------------------------------------------------

    private record Reply(int status, String contentType, byte[] body) {
    }

    /** Bad input to a /sandbox endpoint. */
    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        Reply reply;
        try {
            reply = route(exchange);
        } catch (BadRequest e) {
            reply = jsonReply(400, "application/json", Map.of("error", e.getMessage()));
        } catch (RuntimeException e) {
            reply = jsonReply(500, "application/json", Map.of("error", e.getClass().getSimpleName()));
        }
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }

    private Reply route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        return switch (method + " " + path) {
            case "GET /sns/jscode2session" -> weChatApi(JSCODE2SESSION, () -> jscode2session(query(exchange)));
            case "POST /cgi-bin/stable_token" -> {
                byte[] body = rawBody(exchange);
                yield weChatApi(STABLE_TOKEN, () -> stableToken(body));
            }
            case "GET /cgi-bin/token" -> weChatApi(TOKEN, () -> legacyToken(query(exchange)));
            case "POST /wxa/business/getuserphonenumber" -> {
                byte[] body = rawBody(exchange);
                yield weChatApi(GET_USER_PHONE_NUMBER, () -> getUserPhoneNumber(query(exchange), body));
            }
            case "POST /wxa/getwxacodeunlimit" -> {
                byte[] body = rawBody(exchange);
                yield weChatCall(GET_WXA_CODE_UNLIMIT, () -> getWxaCodeUnlimit(query(exchange), body));
            }
            case "GET /wxa/checksession" -> weChatApi(CHECK_SESSION, () -> checkSession(query(exchange), false));
            case "GET /wxa/resetusersessionkey" -> weChatApi(RESET_USER_SESSION_KEY, () -> checkSession(query(exchange), true));
            case "POST /sandbox/phone/login" -> phoneLogin(body(exchange));
            case "POST /sandbox/phone/encrypt" -> phoneEncrypt(body(exchange));
            case "POST /sandbox/phone/phonecode" -> phoneCode(body(exchange));
            case "POST /sandbox/phone/phone-encrypted" -> phoneEncrypted(body(exchange));
            case "POST /sandbox/phone/scan" -> phoneScan(body(exchange));
            case "POST /sandbox/tokens/invalidate" -> {
                SandboxApp app = requireApp(body(exchange));
                yield jsonReply(200, "application/json", Map.of("invalidated", tokens.invalidate(app.appid())));
            }
            case "POST /sandbox/faults" -> addFaults(body(exchange));
            case "DELETE /sandbox/faults" -> {
                faults.clear();
                yield jsonReply(200, "application/json", Map.of("cleared", true));
            }
            case "GET /sandbox/stats" -> jsonReply(200, "application/json", stats());
            case "GET /sandbox/health" -> jsonReply(200, "application/json", Map.of("status", "UP"));
            default -> jsonReply(404, "application/json", Map.of("errcode", 404, "errmsg", "no such API in the sandbox: " + path));
        };
    }

    /** Counts the call and plays the next queued fault before the real answer. */
    private Reply weChatApi(String api, java.util.function.Supplier<Map<String, Object>> answer) {
        return weChatCall(api, () -> weChatReply(answer.get()));
    }

    /** As {@link #weChatApi}, for the APIs that answer something other than JSON on success. */
    private Reply weChatCall(String api, java.util.function.Supplier<Reply> answer) {
        calls.computeIfAbsent(api, a -> new LongAdder()).increment();
        Fault fault = faults.next(api);
        if (fault != null) {
            switch (fault.kind()) {
                case ERRCODE -> {
                    return weChatReply(errcode(fault.errcode(), "sandbox fault"));
                }
                case HTML_502 -> {
                    return new Reply(502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>"
                            .getBytes(StandardCharsets.UTF_8));
                }
                case SLOW -> sleep(fault.delayMillis());
            }
        }
        return answer.get();
    }

    private Reply weChatReply(Map<String, Object> body) {
        return jsonReply(200, "text/plain", body);
    }

    // ---- WeChat's API -----------------------------------------------------------------------

    private Map<String, Object> jscode2session(Map<String, String> query) {
        SandboxApp app = apps.get(query.getOrDefault("appid", ""));
        if (app == null) {
            return errcode(40013, "invalid appid");
        }
        if (!MessageDigest.isEqual(app.secret().getBytes(StandardCharsets.UTF_8),
                query.getOrDefault("secret", "").getBytes(StandardCharsets.UTF_8))) {
            return errcode(40125, "invalid appsecret");
        }
        if (!"authorization_code".equals(query.get("grant_type"))) {
            return errcode(40002, "invalid grant_type");
        }
        String code = query.get("js_code");
        if (code == null || code.isEmpty()) {
            return errcode(41008, "missing code");
        }
        SimulatedWeChatUsers.Exchange exchange = users.exchange(app.appid(), code);
        if (exchange.problem() != null) {
            return switch (exchange.problem()) {
                case USED -> errcode(40163, "code been used");
                case UNKNOWN, EXPIRED, OTHER_APP -> errcode(40029, "invalid code");
            };
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("session_key", exchange.sessionKey().base64());
        answer.put("openid", exchange.openid());
        exchange.unionid().ifPresent(u -> answer.put("unionid", u));
        return answer;
    }

    private Map<String, Object> stableToken(byte[] rawBody) {
        JsonNode request = weChatJson(rawBody);
        if (request == null) {
            return errcode(47001, "data format error");
        }
        Map<String, Object> refusal = credentialsRefusal(request.path("grant_type").asString(""),
                request.path("appid").asString(""), request.path("secret").asString(""));
        if (refusal != null) {
            return refusal;
        }
        return grant(tokens.stable(request.path("appid").asString(), request.path("force_refresh").asBoolean(false)));
    }

    private Map<String, Object> legacyToken(Map<String, String> query) {
        Map<String, Object> refusal = credentialsRefusal(query.getOrDefault("grant_type", ""),
                query.getOrDefault("appid", ""), query.getOrDefault("secret", ""));
        return refusal != null ? refusal : grant(tokens.legacy(query.get("appid")));
    }

    /** The refusal WeChat gives for bad credentials, or {@code null} when they are good. */
    private Map<String, Object> credentialsRefusal(String grantType, String appid, String secret) {
        SandboxApp app = apps.get(appid);
        if (app == null) {
            return errcode(40013, "invalid appid");
        }
        if (!MessageDigest.isEqual(app.secret().getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
            return errcode(40125, "invalid appsecret");
        }
        if (!"client_credential".equals(grantType)) {
            return errcode(40002, "invalid grant_type");
        }
        return null;
    }

    private static Map<String, Object> grant(SimulatedAccessTokens.Grant grant) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", grant.value());
        answer.put("expires_in", grant.expiresIn());
        return answer;
    }

    /** The app a token-protected call acts for, or WeChat's refusal of its token. */
    private record Authorized(SandboxApp app, Map<String, Object> refusal) {
    }

    private Authorized authorize(Map<String, String> query) {
        SimulatedAccessTokens.Check check = tokens.check(query.get("access_token"));
        return switch (check.verdict()) {
            case VALID -> new Authorized(apps.get(check.appid()), null);
            case EXPIRED -> new Authorized(null, errcode(42001, "access_token expired"));
            case INVALID -> new Authorized(null, errcode(40001, "invalid credential, access_token is invalid or not latest"));
        };
    }

    private Map<String, Object> getUserPhoneNumber(Map<String, String> query, byte[] rawBody) {
        Authorized authorized = authorize(query);
        if (authorized.refusal() != null) {
            return authorized.refusal();
        }
        JsonNode request = weChatJson(rawBody);
        if (request == null) {
            return errcode(47001, "data format error");
        }
        JsonNode openid = request.get("openid");
        SimulatedWeChatUsers.PhoneExchange exchange = users.exchangePhoneCode(authorized.app().appid(),
                request.path("code").asString(null), openid != null && openid.isString() ? openid.asString() : null);
        if (exchange.problem() != null) {
            return errcode(40029, "invalid code");
        }
        SimulatedWeChatUsers.Phone phone = exchange.phone();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("phoneNumber", phone.phoneNumber());
        info.put("purePhoneNumber", phone.purePhoneNumber());
        // WeChat's example answers the country code as a number here (and as text in encryptedData).
        info.put("countryCode", Long.parseLong(phone.countryCode()));
        info.put("watermark", watermark(authorized.app(), json.createObjectNode()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("errcode", 0);
        answer.put("errmsg", "ok");
        answer.put("phone_info", info);
        return answer;
    }

    /** checksession, or resetusersessionkey when {@code reset}: both prove the current key the same way. */
    /**
     * A mini-program code as WeChat answers it: the image itself on success (a QR code standing in for
     * the round code, see {@link MiniProgramCodes}), a JSON errcode otherwise.
     */
    private Reply getWxaCodeUnlimit(Map<String, String> query, byte[] rawBody) {
        Authorized authorized = authorize(query);
        if (authorized.refusal() != null) {
            return weChatReply(authorized.refusal());
        }
        JsonNode request = weChatJson(rawBody);
        if (request == null) {
            return weChatReply(errcode(47001, "data format error"));
        }
        String scene = request.path("scene").asString("");
        if (scene.isEmpty() || scene.length() > MAX_SCENE_LENGTH || !scene.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return weChatReply(errcode(40169, "invalid length for scene, or the data is not json string"));
        }
        String page = request.path("page").asString("");
        if (page.startsWith("/") || page.length() > 128) {
            return weChatReply(errcode(41030, "invalid page"));
        }
        int width = Math.max(280, Math.min(1280, request.path("width").asInt(430)));
        return new Reply(200, "image/jpeg", MiniProgramCodes.draw(page.isEmpty() ? "pages/index/index" : page, scene, width));
    }

    private Map<String, Object> checkSession(Map<String, String> query, boolean reset) {
        Authorized authorized = authorize(query);
        if (authorized.refusal() != null) {
            return authorized.refusal();
        }
        String openid = query.getOrDefault("openid", "");
        Optional<SimulatedWeChatUsers.AppUser> user = users.byOpenid(openid)
                .filter(u -> u.appid().equals(authorized.app().appid()));
        if (user.isEmpty()) {
            return errcode(40003, "invalid openid");
        }
        SessionKey current = users.currentKey(user.get().appid(), user.get().user()).orElseThrow();
        if (!"hmac_sha256".equals(query.get("sig_method"))
                || !SessionKeySignature.matches(current, "", query.get("signature"))) {
            return errcode(87009, "invalid signature");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("errcode", 0);
        answer.put("errmsg", "ok");
        if (reset) {
            answer.put("openid", openid);
            answer.put("session_key", users.resetKey(user.get().appid(), user.get().user()).base64());
        }
        return answer;
    }

    /** A WeChat API's JSON body, or {@code null} when it is not a JSON object (WeChat: 47001). */
    private JsonNode weChatJson(byte[] rawBody) {
        try {
            JsonNode node = json.readTree(rawBody);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    // ---- the simulated phone ----------------------------------------------------------------

    private Reply phoneLogin(JsonNode request) {
        SandboxApp app = requireApp(request);
        String user = requireText(request, "user");
        String code = users.login(app.appid(), user);
        SessionKey key = users.currentKey(app.appid(), user).orElseThrow();
        String openid = users.openid(app.appid(), user);
        Optional<String> unionid = users.unionid(app.appid(), user);

        Map<String, Object> profile = profile(request.path("profile"));
        Map<String, Object> userInfo = new LinkedHashMap<>();
        userInfo.put("openId", openid);
        userInfo.putAll(profile);
        unionid.ifPresent(u -> userInfo.put("unionId", u));
        userInfo.put("watermark", watermark(app, request.path("tamper")));
        String rawData = json.writeValueAsString(profile);
        WeChatDataEncryptor.Encrypted encrypted = encryptor.encrypt(key, json.writeValueAsString(userInfo));

        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("code", code);
        reply.put("openid", openid);
        unionid.ifPresent(u -> reply.put("unionid", u));
        reply.put("encryptedData", encrypted.encryptedData());
        reply.put("iv", encrypted.iv());
        reply.put("rawData", rawData);
        reply.put("signature", RawDataSignature.sign(rawData, key));
        reply.put("userInfo", userInfo);
        return jsonReply(200, "application/json", reply);
    }

    private Reply phoneEncrypt(JsonNode request) {
        SandboxApp app = requireApp(request);
        String user = requireText(request, "user");
        JsonNode data = request.get("data");
        if (data == null || !data.isObject()) {
            throw new BadRequest("data must be a JSON object");
        }
        SessionKey key = users.currentKey(app.appid(), user)
                .orElseThrow(() -> new BadRequest("user " + user + " has not logged in to " + app.appid()));
        Map<String, Object> payload = new LinkedHashMap<>(json.convertValue(data, Map.class));
        payload.put("watermark", watermark(app, request.path("tamper")));
        WeChatDataEncryptor.Encrypted encrypted = encryptor.encrypt(key, json.writeValueAsString(payload));
        return jsonReply(200, "application/json", Map.of("encryptedData", encrypted.encryptedData(), "iv", encrypted.iv()));
    }

    private Reply phoneCode(JsonNode request) {
        SimulatedWeChatUsers.Phone phone = phoneOf(request);
        Map<String, Object> reply = phoneFields(phone);
        reply.put("code", users.issuePhoneCode(phone));
        return jsonReply(200, "application/json", reply);
    }

    private Reply phoneEncrypted(JsonNode request) {
        SimulatedWeChatUsers.Phone phone = phoneOf(request);
        SandboxApp app = apps.get(phone.appid());
        SessionKey key = users.currentKey(phone.appid(), phone.user())
                .orElseThrow(() -> new BadRequest("user " + phone.user() + " has not logged in to " + phone.appid()));
        Map<String, Object> payload = phoneFields(phone);
        payload.put("watermark", watermark(app, request.path("tamper")));
        WeChatDataEncryptor.Encrypted encrypted = encryptor.encrypt(key, json.writeValueAsString(payload));
        Map<String, Object> reply = phoneFields(phone);
        reply.put("encryptedData", encrypted.encryptedData());
        reply.put("iv", encrypted.iv());
        return jsonReply(200, "application/json", reply);
    }

    /** The user's phone: the number the request names, or the user's stable default. */
    /** The phone's camera on a mini-program code: {@code image} (base64 PNG/JPEG) or just its {@code scene}. */
    private Reply phoneScan(JsonNode request) {
        String image = request.path("image").asString(null);
        if (image != null) {
            byte[] bytes;
            try {
                bytes = java.util.Base64.getMimeDecoder().decode(image);
            } catch (IllegalArgumentException e) {
                throw new BadRequest("image must be base64");
            }
            try {
                return jsonReply(200, "application/json", MiniProgramCodes.asMap(MiniProgramCodes.read(bytes)));
            } catch (IllegalArgumentException e) {
                throw new BadRequest(e.getMessage());
            }
        }
        String scene = requireText(request, "scene");
        String page = request.path("page").asString("pages/web-login/confirm");
        return jsonReply(200, "application/json", MiniProgramCodes.asMap(new MiniProgramCodes.Scanned(page, scene)));
    }

    private SimulatedWeChatUsers.Phone phoneOf(JsonNode request) {
        SandboxApp app = requireApp(request);
        String user = requireText(request, "user");
        String number = request.path("phoneNumber").asString(SimulatedWeChatUsers.defaultPhoneNumber(user));
        String countryCode = request.path("countryCode").asString("86");
        if (!number.matches("[0-9]{5,15}") || !countryCode.matches("[1-9][0-9]{0,3}")) {
            throw new BadRequest("phoneNumber must be 5 to 15 digits without country code, countryCode 1 to 4 digits");
        }
        return new SimulatedWeChatUsers.Phone(app.appid(), user, number, countryCode);
    }

    /** The fields WeChat's legacy phone payload has (country code as text there). */
    private static Map<String, Object> phoneFields(SimulatedWeChatUsers.Phone phone) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("phoneNumber", phone.phoneNumber());
        fields.put("purePhoneNumber", phone.purePhoneNumber());
        fields.put("countryCode", phone.countryCode());
        return fields;
    }

    private Map<String, Object> watermark(SandboxApp app, JsonNode tamper) {
        Instant timestamp = settings.clock().instant().minus(Duration.ofSeconds(tamper.path("watermarkAgeSeconds").asLong(0)));
        Map<String, Object> watermark = new LinkedHashMap<>();
        watermark.put("timestamp", timestamp.getEpochSecond());
        watermark.put("appid", tamper.path("watermarkAppid").asString(app.appid()));
        return watermark;
    }

    /** The profile fields WeChat shows; by default the anonymous ones current WeChat gives. */
    private static Map<String, Object> profile(JsonNode given) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("nickName", given.path("nickName").asString("微信用户"));
        profile.put("gender", given.path("gender").asInt(0));
        profile.put("language", given.path("language").asString(""));
        profile.put("city", given.path("city").asString(""));
        profile.put("province", given.path("province").asString(""));
        profile.put("country", given.path("country").asString(""));
        profile.put("avatarUrl", given.path("avatarUrl").asString(ANONYMOUS_AVATAR));
        return profile;
    }

    // ---- steering -----------------------------------------------------------------------------

    private Reply addFaults(JsonNode request) {
        String api = requireText(request, "api");
        Fault fault;
        try {
            Fault.Kind kind = Fault.Kind.valueOf(request.path("kind").asString("ERRCODE"));
            fault = new Fault(kind, request.path("errcode").asInt(0), request.path("delayMillis").asLong(0));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("kind must be ERRCODE, HTML_502 or SLOW, and delayMillis at most 120000");
        }
        if (fault.kind() == Fault.Kind.ERRCODE && fault.errcode() == 0) {
            throw new BadRequest("an ERRCODE fault needs a non-zero errcode");
        }
        int times = request.path("times").asInt(1);
        if (times < 1 || times > 10_000) {
            throw new BadRequest("times must be between 1 and 10000");
        }
        faults.add(api, fault, times);
        return jsonReply(200, "application/json", Map.of("queued", times));
    }

    private Map<String, Object> stats() {
        Map<String, Object> counts = new TreeMap<>();
        calls.forEach((api, count) -> counts.put(api, count.sum()));
        return Map.of("calls", counts);
    }

    // ---- plumbing -----------------------------------------------------------------------------

    private SandboxApp requireApp(JsonNode request) {
        String appid = request.path("appid").asString(settings.apps().get(0).appid());
        SandboxApp app = apps.get(appid);
        if (app == null) {
            throw new BadRequest("unknown appid " + appid);
        }
        return app;
    }

    private static String requireText(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isString() || value.asString().isBlank() || value.asString().length() > 200) {
            throw new BadRequest(field + " must be a non-blank string of at most 200 characters");
        }
        return value.asString();
    }

    private static byte[] rawBody(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new BadRequest("body too large");
        }
        return bytes;
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes = rawBody(exchange);
        try {
            JsonNode node = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
            if (!node.isObject()) {
                throw new BadRequest("body must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new BadRequest("body is not JSON");
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
    }

    private static Map<String, Object> errcode(int errcode, String errmsg) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errcode", errcode);
        body.put("errmsg", errmsg + ", rid: sandbox");
        return body;
    }

    private Reply jsonReply(int status, String contentType, Object body) {
        return new Reply(status, contentType + "; charset=utf-8", json.writeValueAsBytes(body));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Virtual threads where the JDK has them (21+), a bounded pool on 17. */
    private static ExecutorService requestExecutor() {
        try {
            return (ExecutorService) MethodHandles.publicLookup()
                    .findStatic(Executors.class, "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class))
                    .invoke();
        } catch (Throwable notOnThisJdk) {
            return Executors.newFixedThreadPool(64);
        }
    }
}
