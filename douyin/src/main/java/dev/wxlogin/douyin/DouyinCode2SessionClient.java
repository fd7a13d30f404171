package dev.wxlogin.douyin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.wxlogin.douyin.DouyinUnavailableException.Kind;
import dev.wxlogin.wechat.SessionKey;
import tools.jackson.databind.JsonNode;

/**
 * Trades what {@code tt.login()} gives the page, {@code code} and {@code anonymousCode}, for the user's
 * openid, session_key and unionid and the device's anonymous openid:
 * {@code POST /api/apps/v2/jscode2session} with {@code {appid, secret, code, anonymous_code}}. Both codes
 * are single-use. Douyin answers values it has no reason to give as empty strings; they count as absent.
 */
public final class DouyinCode2SessionClient {

    static final String PATH = "/api/apps/v2/jscode2session";
    /**
     * Far above any code Douyin issues, yet above WeChat's limit: Douyin's codes run past 128 characters
     * (a widely used client's test carries codes of 123 characters, close to WeChat's limit of 128).
     */
    public static final int MAX_CODE_LENGTH = 512;
    /** Douyin's ids are some 40 characters; anything far longer is not Douyin and would not fit our columns. */
    private static final int MAX_ID_LENGTH = 64;

    private final DouyinApiTransport transport;

    public DouyinCode2SessionClient(DouyinApiTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** Whether {@code code} may be a Douyin code: present, not blank, at most {@link #MAX_CODE_LENGTH} characters. */
    public static boolean isWellFormedCode(String code) {
        return code != null && !code.isBlank() && code.length() <= MAX_CODE_LENGTH;
    }

    /**
     * Exchanges a login code, and the anonymous code beside it when given (to link the device's anonymous
     * data to the user). Sent once: Douyin's {@code -1} is reported, not retried.
     *
     * @param anonymousCode {@code tt.login()}'s {@code anonymousCode}, or {@code null}
     * @throws IllegalArgumentException   a code is blank or absurdly long (never sent)
     * @throws DouyinApiException         e.g. 40018 bad code, 40019 bad anonymous code, 40015/40017 our configuration
     * @throws DouyinUnavailableException Douyin could not be reached or answered without openid/session_key
     */
    public DouyinSession exchange(DouyinApp app, String code, String anonymousCode) {
        Objects.requireNonNull(app, "app");
        requireWellFormed(code, "a login code");
        if (anonymousCode != null) {
            requireWellFormed(anonymousCode, "an anonymous code");
        }
        JsonNode data = transport.postJson(PATH, body(app, code, anonymousCode));

        String openid = text(data, "openid");
        String sessionKey = text(data, "session_key");
        if (openid == null || sessionKey == null) {
            throw badResponse("code2Session answered without openid or session_key");
        }
        Optional<String> unionid = Optional.ofNullable(text(data, "unionid"));
        Optional<String> anonymousOpenid = Optional.ofNullable(text(data, "anonymous_openid"));
        if (anonymousCode != null && anonymousOpenid.isEmpty()) {
            throw badResponse("code2Session answered an anonymous code without anonymous_openid");
        }
        requireShort(openid);
        unionid.ifPresent(DouyinCode2SessionClient::requireShort);
        anonymousOpenid.ifPresent(DouyinCode2SessionClient::requireShort);
        return new DouyinSession(openid, SessionKey.of(sessionKey), unionid, anonymousOpenid);
    }

    /**
     * Exchanges an anonymous code alone, for a user not logged in to the Douyin app: the device's id only,
     * never a person's.
     *
     * @throws IllegalArgumentException   the code is blank or absurdly long (never sent)
     * @throws DouyinApiException         e.g. 40019 bad anonymous code
     * @throws DouyinUnavailableException Douyin could not be reached or answered without anonymous_openid
     */
    public DouyinAnonymousIdentity exchangeAnonymous(DouyinApp app, String anonymousCode) {
        Objects.requireNonNull(app, "app");
        requireWellFormed(anonymousCode, "an anonymous code");
        JsonNode data = transport.postJson(PATH, body(app, null, anonymousCode));
        String anonymousOpenid = text(data, "anonymous_openid");
        if (anonymousOpenid == null) {
            throw badResponse("code2Session answered an anonymous code without anonymous_openid");
        }
        requireShort(anonymousOpenid);
        return new DouyinAnonymousIdentity(anonymousOpenid);
    }

    private static Map<String, String> body(DouyinApp app, String code, String anonymousCode) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("appid", app.appid());
        body.put("secret", app.secret());
        if (code != null) {
            body.put("code", code);
        }
        if (anonymousCode != null) {
            body.put("anonymous_code", anonymousCode);
        }
        return body;
    }

    private static void requireWellFormed(String code, String what) {
        if (!isWellFormedCode(code)) {
            throw new IllegalArgumentException(what + " must be 1 to " + MAX_CODE_LENGTH + " characters");
        }
    }

    private static void requireShort(String id) {
        if (id.length() > MAX_ID_LENGTH) {
            throw badResponse("code2Session answered an id over " + MAX_ID_LENGTH + " characters");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }

    private static DouyinUnavailableException badResponse(String message) {
        return new DouyinUnavailableException(Kind.BAD_RESPONSE, message, null);
    }
}
