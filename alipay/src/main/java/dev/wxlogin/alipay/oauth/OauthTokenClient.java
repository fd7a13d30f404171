package dev.wxlogin.alipay.oauth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.wxlogin.alipay.AlipayApp;
import dev.wxlogin.alipay.gateway.AlipayApiException;
import dev.wxlogin.alipay.gateway.AlipayGatewayClient;
import dev.wxlogin.alipay.gateway.AlipaySignatureException;
import dev.wxlogin.alipay.gateway.AlipayUnavailableException;
import dev.wxlogin.alipay.gateway.GatewayRequest;
import tools.jackson.databind.JsonNode;

/**
 * {@code alipay.system.oauth.token} with {@code grant_type=authorization_code}: an auth code from
 * {@code my.getAuthCode} for the user's id. Auth codes are single-use and expire (Alipay: "3 minutes to
 * 24 hours"); a used, expired, mistyped or other app's code is {@code isv.code-invalid}.
 */
public final class OauthTokenClient {

    /** The method's name. */
    public static final String METHOD = "alipay.system.oauth.token";
    /** Auth codes are 32 hex characters today; anything this long or longer is not one. */
    public static final int MAX_CODE_LENGTH = 128;
    /** Alipay's ids are 16 digits (user_id) or 46 characters (open_id); anything far longer is not Alipay's. */
    private static final int MAX_ID_LENGTH = 64;

    private final AlipayGatewayClient gateway;

    public OauthTokenClient(AlipayGatewayClient gateway) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    /**
     * Exchanges the page's auth code.
     *
     * @throws IllegalArgumentException   the code is blank, too long or not printable ASCII (never sent)
     * @throws AlipayApiException         Alipay refused; {@code ALIPAY_CODE_INVALID} for a bad code
     * @throws AlipaySignatureException   the answer is not proven to be Alipay's
     * @throws AlipayUnavailableException Alipay could not be reached or answered without a user id
     */
    public AlipayOauthToken exchange(AlipayApp app, String authCode) {
        Objects.requireNonNull(app, "app");
        if (!isWellFormedCode(authCode)) {
            throw new IllegalArgumentException("an Alipay auth code is 1 to " + MAX_CODE_LENGTH + " printable ASCII characters");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("grant_type", "authorization_code");
        parameters.put("code", authCode);
        JsonNode node = gateway.call(app, new GatewayRequest(METHOD, parameters));
        Optional<String> userId = nonBlank(node, "user_id");
        Optional<String> openId = nonBlank(node, "open_id");
        Optional<String> accessToken = nonBlank(node, "access_token");
        if (userId.isEmpty() && openId.isEmpty() || accessToken.isEmpty()) {
            throw new AlipayUnavailableException(AlipayUnavailableException.Kind.BAD_RESPONSE,
                    "Alipay's answer to " + METHOD + " names no user or carries no access_token", null);
        }
        if (userId.orElse("").length() > MAX_ID_LENGTH || openId.orElse("").length() > MAX_ID_LENGTH) {
            throw new AlipayUnavailableException(AlipayUnavailableException.Kind.BAD_RESPONSE,
                    "Alipay's answer to " + METHOD + " names the user by an id over " + MAX_ID_LENGTH + " characters", null);
        }
        return new AlipayOauthToken(userId, openId, accessToken.get(), seconds(node, "expires_in"),
                nonBlank(node, "refresh_token").orElse(""), seconds(node, "re_expires_in"), nonBlank(node, "auth_start"));
    }

    /** Whether {@code authCode} can be an auth code at all: what to check before spending a call on it. */
    public static boolean isWellFormedCode(String authCode) {
        return authCode != null && !authCode.isEmpty() && authCode.length() <= MAX_CODE_LENGTH && authCode.matches("[\\x21-\\x7e]+");
    }

    private static Optional<String> nonBlank(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainer()) {
            return Optional.empty();
        }
        String text = value.isString() ? value.stringValue() : value.toString();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }

    /** Seconds, sent as a number or a string of digits; 0 when absent or not a number. */
    private static long seconds(JsonNode node, String field) {
        Optional<String> text = nonBlank(node, field);
        if (text.isEmpty() || !text.get().matches("[0-9]{1,12}")) {
            return 0;
        }
        return Long.parseLong(text.get());
    }
}
