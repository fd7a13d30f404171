package dev.wxlogin.wechat.phone;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.wxlogin.wechat.OneTimeCode;
import dev.wxlogin.wechat.WeChatApp;
import dev.wxlogin.wechat.api.WeChatApiException;
import dev.wxlogin.wechat.api.WeChatRequest;
import dev.wxlogin.wechat.api.WeChatUnavailableException;
import dev.wxlogin.wechat.api.WeChatUnavailableException.Kind;
import dev.wxlogin.wechat.crypto.Watermark;
import dev.wxlogin.wechat.token.TokenAuthorizedTransport;
import tools.jackson.databind.JsonNode;

/**
 * Trades the code from {@code <button open-type="getPhoneNumber">} ({@code e.detail.code}, not a
 * {@code wx.login} code) for the user's phone number: {@code POST /wxa/business/getuserphonenumber}.
 *
 * <p><b>WeChat charges for every successful call</b> (verified non-individual apps), and a code is
 * single-use. So this client sends each {@link #exchange} exactly once: a {@code -1 busy} answer
 * is not retried, and a timeout is reported even though WeChat may have taken the code. The only
 * resend is after a rejected access_token (40001/42001/40014), which WeChat checks before the code.
 * Never calling twice for one code across client retries is the caller's job: keep the outcome per
 * code (an idempotency store) and answer a repeated request from it.
 */
public final class PhoneNumberClient {

    static final String PATH = "/wxa/business/getuserphonenumber";

    private final TokenAuthorizedTransport calls;

    public PhoneNumberClient(TokenAuthorizedTransport calls) {
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    /** Exchanges a phone code; see {@link #exchange(WeChatApp, String, String)}. */
    public PhoneNumber exchange(WeChatApp app, String code) {
        return exchange(app, code, null);
    }

    /**
     * Exchanges a phone code, once.
     *
     * @param openid when given, WeChat checks that the code belongs to this user
     * @throws IllegalArgumentException   the code is blank or absurdly long (never sent)
     * @throws WeChatApiException         e.g. 40029 invalid or used code, 45011 quota, -1 busy (not retried)
     * @throws WeChatUnavailableException WeChat could not be reached, timed out (the code may be spent),
     *                                    or answered without a phone number for this app
     */
    public PhoneNumber exchange(WeChatApp app, String code, String openid) {
        Objects.requireNonNull(app, "app");
        if (!OneTimeCode.isWellFormed(code)) {
            throw new IllegalArgumentException("a phone code must be 1 to " + OneTimeCode.MAX_LENGTH + " characters");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        if (openid != null) {
            body.put("openid", openid);
        }
        JsonNode answer = calls.send(app, WeChatRequest.postJson(PATH, Map.of(), body, false));
        return phoneNumber(answer.get("phone_info"), app.appid());
    }

    private static PhoneNumber phoneNumber(JsonNode info, String appid) {
        if (info == null || !info.isObject()) {
            throw badResponse("getuserphonenumber answered without phone_info");
        }
        String phoneNumber = text(info, "phoneNumber");
        String pure = text(info, "purePhoneNumber");
        String countryCode = PhoneNumber.countryCode(info.get("countryCode"));
        JsonNode watermark = info.path("watermark");
        JsonNode stampAppid = watermark.get("appid");
        JsonNode timestamp = watermark.get("timestamp");
        if (phoneNumber == null || pure == null || countryCode == null || countryCode.isBlank()
                || stampAppid == null || !stampAppid.isString() || timestamp == null || !timestamp.isIntegralNumber()) {
            throw badResponse("getuserphonenumber answered without phoneNumber, purePhoneNumber, countryCode or watermark");
        }
        if (!stampAppid.asString().equals(appid)) {
            throw badResponse("getuserphonenumber answered with a watermark for appid " + stampAppid.asString() + ", not " + appid);
        }
        return new PhoneNumber(phoneNumber, pure, countryCode, new Watermark(appid, Instant.ofEpochSecond(timestamp.asLong())));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() && !value.asString().isBlank() ? value.asString() : null;
    }

    private static WeChatUnavailableException badResponse(String message) {
        return new WeChatUnavailableException(Kind.BAD_RESPONSE, message, null);
    }
}
