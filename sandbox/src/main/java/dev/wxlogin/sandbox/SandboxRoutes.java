package dev.wxlogin.sandbox;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;

import dev.wxlogin.sandbox.alipay.AlipayRoutes;

/**
 * Which handler answers which {@code METHOD path}: the platforms' own APIs (WeChat's at the root, the
 * others under their {@link SandboxPlatform#pathPrefix()}) through {@link FaultInjection},
 * the simulated phone and the steering endpoints directly. Answers bad input to a steering call
 * with 400 and its reason, and anything unexpected with 500 and the failure's type alone.
 */
final class SandboxRoutes {

    /** One endpoint; {@code null} when the connection was dropped instead of answered. */
    @FunctionalInterface
    interface Route {
        SandboxReply handle(SandboxExchange exchange) throws IOException;
    }

    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final ConnectionFront front;
    private final AlipayRoutes alipay;

    SandboxRoutes(ConnectionFront front, FaultInjection faults, SessionApi sessions, AccessTokenApi tokens,
                  PhoneNumberApi phoneNumbers, WxaCodeApi codes, SimulatedPhoneEndpoints phone, SimulatedAccessTokens simulatedTokens,
                  RegisteredApps apps, DouyinSessionApi douyinSessions, QqSessionApi qqSessions, AlipayRoutes alipay) {
        this.front = front;
        this.alipay = alipay;
        routes.put("POST " + SandboxPlatform.DOUYIN.pathPrefix() + DouyinSessionApi.PATH, x -> {
            byte[] body = x.rawBody();
            return faults.callAnswering(DouyinSessionApi.JSCODE2SESSION, x, () -> douyinSessions.jscode2session(body),
                    errNo -> douyinSessions.error(errNo, "sandbox fault"));
        });
        routes.put("GET " + SandboxPlatform.QQ.pathPrefix() + QqSessionApi.PATH, x -> {
            Map<String, String> query = x.query();
            return faults.callAnswering(QqSessionApi.JSCODE2SESSION, x, () -> SandboxReply.json(200, qqSessions.jscode2session(query)),
                    errcode -> SandboxReply.json(200, QqSessionApi.error(errcode, "sandbox fault")));
        });
        weChat("GET /sns/jscode2session", SessionApi.JSCODE2SESSION, faults, x -> {
            Map<String, String> query = x.query();
            return () -> sessions.jscode2session(query);
        });
        weChat("POST /cgi-bin/stable_token", AccessTokenApi.STABLE_TOKEN, faults, x -> {
            byte[] body = x.rawBody();
            return () -> tokens.stableToken(body);
        });
        weChat("GET /cgi-bin/token", AccessTokenApi.TOKEN, faults, x -> {
            Map<String, String> query = x.query();
            return () -> tokens.legacyToken(query);
        });
        weChat("POST /wxa/business/getuserphonenumber", PhoneNumberApi.GET_USER_PHONE_NUMBER, faults, x -> {
            Map<String, String> query = x.query();
            byte[] body = x.rawBody();
            return () -> phoneNumbers.getUserPhoneNumber(query, body);
        });
        routes.put("POST /wxa/getwxacodeunlimit", x -> {
            Map<String, String> query = x.query();
            byte[] body = x.rawBody();
            return faults.callAnswering(WxaCodeApi.GET_WXA_CODE_UNLIMIT, x, () -> codes.getWxaCodeUnlimit(query, body));
        });
        weChat("GET /wxa/checksession", SessionApi.CHECK_SESSION, faults, x -> {
            Map<String, String> query = x.query();
            return () -> sessions.checkSession(query, false);
        });
        weChat("GET /wxa/resetusersessionkey", SessionApi.RESET_USER_SESSION_KEY, faults, x -> {
            Map<String, String> query = x.query();
            return () -> sessions.checkSession(query, true);
        });
        routes.put("POST /sandbox/phone/login", x -> phone.login(x.jsonBody()));
        routes.put("POST /sandbox/phone/encrypt", x -> phone.encrypt(x.jsonBody()));
        routes.put("POST /sandbox/phone/phonecode", x -> phone.phoneCode(x.jsonBody()));
        routes.put("POST /sandbox/phone/phone-encrypted", x -> phone.phoneEncrypted(x.jsonBody()));
        routes.put("POST /sandbox/phone/scan", x -> phone.scan(x.jsonBody()));
        routes.put("POST /sandbox/tokens/invalidate", x ->
                SandboxReply.json(200, Map.of("invalidated", simulatedTokens.invalidate(apps.require(x.jsonBody()).appid()))));
        routes.put("POST /sandbox/faults", x -> faults.addFrom(x.jsonBody()));
        routes.put("DELETE /sandbox/faults", x -> {
            faults.clear();
            return SandboxReply.json(200, Map.of("cleared", true));
        });
        routes.put("GET /sandbox/stats", x -> SandboxReply.json(200, faults.stats()));
        routes.put("GET /sandbox/health", x -> SandboxReply.json(200, Map.of("status", "UP")));
    }

    /** Reads what the API needs from the request, then builds its answer (after the fault, if any). */
    @FunctionalInterface
    private interface WeChatCall {
        Supplier<Map<String, Object>> read(SandboxExchange exchange);
    }

    private void weChat(String route, String api, FaultInjection faults, WeChatCall call) {
        routes.put(route, x -> faults.call(api, x, call.read(x)));
    }

    /** Alipay's gateway, under its platform's prefix as the other platforms' APIs. */
    private Optional<SandboxReply> alipay(SandboxExchange exchange) {
        String prefix = SandboxPlatform.ALIPAY.pathPrefix();
        if (!exchange.path().startsWith(prefix + "/")) {
            return Optional.empty();
        }
        return alipay.answer(exchange.method(), exchange.path().substring(prefix.length()), exchange.rawQuery(),
                        exchange.header("Content-Type"), exchange.rawBody())
                .map(answer -> new SandboxReply(answer.status(), answer.contentType(), answer.body()));
    }

    /** The JDK server's handler for every path. */
    void dispatch(HttpExchange http) throws IOException {
        SandboxExchange exchange = new SandboxExchange(http, front);
        SandboxReply reply;
        try {
            Route route = routes.get(exchange.method() + " " + exchange.path());
            reply = route != null ? route.handle(exchange) : alipay(exchange)
                    .orElseGet(() -> SandboxReply.json(404, Map.of("errcode", 404, "errmsg", "no such API in the sandbox: " + exchange.path())));
        } catch (BadSandboxRequest e) {
            reply = SandboxReply.json(400, Map.of("error", e.getMessage()));
        } catch (RuntimeException e) {
            reply = SandboxReply.json(500, Map.of("error", e.getClass().getSimpleName()));
        }
        if (reply != null && !exchange.answered()) {
            exchange.answer(reply);
        }
    }
}
