package dev.wxlogin.alipay.gateway;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every error Alipay documents for the OpenAPI gateway (公共错误码), for {@code alipay.system.oauth.token}
 * and for {@code my.getPhoneNumber}'s decrypted answer, each with the stable code our API reports and what
 * kind of problem it is. Known by {@code sub_code} (case-insensitive: Alipay's own tables capitalise some);
 * an unknown {@code sub_code} falls back to its gateway {@code code}, and anything else to {@link #OTHER}.
 */
public enum AlipayError {
    /** 20000 isp.unknow-error: the business system is unavailable; retry later. */
    ISP_UNKNOWN_ERROR("20000", "isp.unknow-error", "ALIPAY_BUSY", Category.TRANSIENT),
    /** 20000 aop.unknow-error: the gateway itself failed; retry later. */
    AOP_UNKNOWN_ERROR("20000", "aop.unknow-error", "ALIPAY_BUSY", Category.TRANSIENT),
    /** 20001 aop.invalid-auth-token: the user's access token is invalid. */
    INVALID_AUTH_TOKEN("20001", "aop.invalid-auth-token", "ALIPAY_AUTH_TOKEN_INVALID", Category.USER_AUTHORIZATION),
    /** 20001 aop.auth-token-time-out: the user's access token expired. */
    AUTH_TOKEN_TIME_OUT("20001", "aop.auth-token-time-out", "ALIPAY_AUTH_TOKEN_EXPIRED", Category.USER_AUTHORIZATION),
    /** 20001 aop.invalid-app-auth-token: a third party's app_auth_token is invalid. */
    INVALID_APP_AUTH_TOKEN("20001", "aop.invalid-app-auth-token", "ALIPAY_APP_AUTH_TOKEN_INVALID", Category.CONFIGURATION),
    /** 20001 aop.invalid-app-auth-token-no-api: the merchant did not authorise this API to the third party. */
    APP_AUTH_TOKEN_NO_API("20001", "aop.invalid-app-auth-token-no-api", "ALIPAY_APP_AUTH_TOKEN_NO_API", Category.CONFIGURATION),
    /** 20001 aop.app-auth-token-time-out: a third party's app_auth_token expired. */
    APP_AUTH_TOKEN_TIME_OUT("20001", "aop.app-auth-token-time-out", "ALIPAY_APP_AUTH_TOKEN_EXPIRED", Category.CONFIGURATION),
    /** 20001 aop.no-product-reg-by-partner: the merchant signed no product. */
    NO_PRODUCT_REG_BY_PARTNER("20001", "aop.no-product-reg-by-partner", "ALIPAY_NO_PRODUCT", Category.CONFIGURATION),

    /** 40001 isv.missing-method. */
    MISSING_METHOD("40001", "isv.missing-method", "ALIPAY_REQUEST_INVALID", Category.REQUEST),
    /** 40001 isv.missing-signature. */
    MISSING_SIGNATURE("40001", "isv.missing-signature", "ALIPAY_REQUEST_INVALID", Category.REQUEST),
    /** 40001 isv.missing-signature-type. */
    MISSING_SIGNATURE_TYPE("40001", "isv.missing-signature-type", "ALIPAY_REQUEST_INVALID", Category.REQUEST),
    /** 40001 isv.missing-signature-key: no app public key was uploaded on the console. */
    MISSING_SIGNATURE_KEY("40001", "isv.missing-signature-key", "ALIPAY_APP_KEY_NOT_UPLOADED", Category.CONFIGURATION),
    /** 40001 isv.missing-app-id. */
    MISSING_APP_ID("40001", "isv.missing-app-id", "ALIPAY_REQUEST_INVALID", Category.REQUEST),
    /** 40001 isv.missing-timestamp. */
    MISSING_TIMESTAMP("40001", "isv.missing-timestamp", "ALIPAY_REQUEST_INVALID", Category.REQUEST),
    /** 40001 isv.missing-version. */
    MISSING_VERSION("40001", "isv.missing-version", "ALIPAY_REQUEST_INVALID", Category.REQUEST),
    /** 40001 isv.decryption-error-missing-encrypt-type. */
    DECRYPTION_MISSING_ENCRYPT_TYPE("40001", "isv.decryption-error-missing-encrypt-type", "ALIPAY_REQUEST_INVALID", Category.REQUEST),
    /** 40001 isv.missing-encrypt-key (my.getPhoneNumber): no content-encryption key is set on the console. */
    MISSING_ENCRYPT_KEY("40001", "isv.missing-encrypt-key", "ALIPAY_CONTENT_KEY_NOT_SET", Category.CONFIGURATION),
    /** 40001 isv.missing-default-signature-type (my.getPhoneNumber): the app has no signing method set. */
    MISSING_DEFAULT_SIGNATURE_TYPE("40001", "isv.missing-default-signature-type", "ALIPAY_SIGNING_NOT_SET", Category.CONFIGURATION),

    /** 40002 isv.invalid-parameter: a parameter's format or value is wrong. */
    INVALID_PARAMETER("40002", "isv.invalid-parameter", "ALIPAY_REQUEST_INVALID", Category.REQUEST),
    /** 40002 isv.upload-fail. */
    UPLOAD_FAIL("40002", "isv.upload-fail", "ALIPAY_REQUEST_INVALID", Category.REQUEST),
    /** 40002 isv.invalid-file-extension. */
    INVALID_FILE_EXTENSION("40002", "isv.invalid-file-extension", "ALIPAY_REQUEST_INVALID", Category.REQUEST),
    /** 40002 isv.invalid-file-size. */
    INVALID_FILE_SIZE("40002", "isv.invalid-file-size", "ALIPAY_REQUEST_INVALID", Category.REQUEST),
    /** 40002 isv.invalid-method: no such method, or the app may not call it. */
    INVALID_METHOD("40002", "isv.invalid-method", "ALIPAY_REQUEST_INVALID", Category.REQUEST),
    /** 40002 isv.invalid-format. */
    INVALID_FORMAT("40002", "isv.invalid-format", "ALIPAY_REQUEST_INVALID", Category.REQUEST),
    /** 40002 isv.invalid-signature-type: the app is not set up for RSA2. */
    INVALID_SIGNATURE_TYPE("40002", "isv.invalid-signature-type", "ALIPAY_SIGN_TYPE_INVALID", Category.CONFIGURATION),
    /** 40002 isv.invalid-signature: our signature does not match the app public key on the console. */
    INVALID_SIGNATURE("40002", "isv.invalid-signature", "ALIPAY_REQUEST_SIGNATURE_INVALID", Category.CONFIGURATION),
    /** 40002 isv.invalid-token. */
    INVALID_TOKEN("40002", "isv.invalid-token", "ALIPAY_AUTH_TOKEN_INVALID", Category.USER_AUTHORIZATION),
    /** 40002 isv.invalid-encrypt-type. */
    INVALID_ENCRYPT_TYPE("40002", "isv.invalid-encrypt-type", "ALIPAY_REQUEST_INVALID", Category.REQUEST),
    /** 40002 isv.invalid-encrypt: encryption failed on Alipay's side; the content key must be set again. */
    INVALID_ENCRYPT("40002", "isv.invalid-encrypt", "ALIPAY_CONTENT_KEY_INVALID", Category.CONFIGURATION),
    /** 40002 isv.invalid-app-id: the APPID does not exist or is not online. */
    INVALID_APP_ID("40002", "isv.invalid-app-id", "ALIPAY_APP_ID_INVALID", Category.CONFIGURATION),
    /** 40002 isv.invalid-timestamp: not {@code yyyy-MM-dd HH:mm:ss}. */
    INVALID_TIMESTAMP("40002", "isv.invalid-timestamp", "ALIPAY_REQUEST_INVALID", Category.REQUEST),
    /** 40002 isv.invalid-charset. */
    INVALID_CHARSET("40002", "isv.invalid-charset", "ALIPAY_REQUEST_INVALID", Category.REQUEST),
    /** 40002 isv.invalid-digest. */
    INVALID_DIGEST("40002", "isv.invalid-digest", "ALIPAY_REQUEST_INVALID", Category.REQUEST),
    /** 40002 isv.decryption-error-not-valid-encrypt-type. */
    DECRYPTION_NOT_VALID_ENCRYPT_TYPE("40002", "isv.decryption-error-not-valid-encrypt-type", "ALIPAY_REQUEST_INVALID", Category.REQUEST),
    /** 40002 isv.decryption-error-not-valid-encrypt-key: no or a malformed content key on the console. */
    DECRYPTION_NOT_VALID_ENCRYPT_KEY("40002", "isv.decryption-error-not-valid-encrypt-key", "ALIPAY_CONTENT_KEY_INVALID", Category.CONFIGURATION),
    /** 40002 isv.decryption-error-unknown: retry. */
    DECRYPTION_UNKNOWN("40002", "isv.decryption-error-unknown", "ALIPAY_BUSY", Category.TRANSIENT),
    /** 40002 isv.missing-signature-config: no public key or certificate for the signing method on the console. */
    MISSING_SIGNATURE_CONFIG("40002", "isv.missing-signature-config", "ALIPAY_APP_KEY_NOT_UPLOADED", Category.CONFIGURATION),
    /** 40002 isv.not-support-app-auth: the method does not allow third-party calls. */
    NOT_SUPPORT_APP_AUTH("40002", "isv.not-support-app-auth", "ALIPAY_REQUEST_INVALID", Category.REQUEST),
    /** 40002 isv.suspected-attack: Alipay took the request for an attack. */
    SUSPECTED_ATTACK("40002", "isv.suspected-attack", "ALIPAY_REQUEST_REJECTED", Category.REJECTED),
    /** 40002 isv.forbidden-api: the API is disabled for the app. */
    FORBIDDEN_API("40002", "isv.forbidden-api", "ALIPAY_PERMISSION_DENIED", Category.CONFIGURATION),
    /** 40002 app-cert-expired: the app's public-key certificate is out of date. */
    APP_CERT_EXPIRED("40002", "app-cert-expired", "ALIPAY_APP_CERT_EXPIRED", Category.CONFIGURATION),

    /** alipay.system.oauth.token isv.code-invalid: the auth code is wrong, used, expired or another app's. */
    CODE_INVALID("40002", "isv.code-invalid", "ALIPAY_CODE_INVALID", Category.USER_CODE),
    /** alipay.system.oauth.token isv.grant-type-invalid: grant_type is neither authorization_code nor refresh_token. */
    GRANT_TYPE_INVALID("40002", "isv.grant-type-invalid", "ALIPAY_REQUEST_INVALID", Category.REQUEST),
    /** alipay.system.oauth.token isv.refresh-token-invalid. */
    REFRESH_TOKEN_INVALID("40002", "isv.refresh-token-invalid", "ALIPAY_REFRESH_TOKEN_INVALID", Category.USER_AUTHORIZATION),
    /** alipay.system.oauth.token isv.refresh-token-time-out. */
    REFRESH_TOKEN_TIME_OUT("40002", "isv.refresh-token-time-out", "ALIPAY_REFRESH_TOKEN_EXPIRED", Category.USER_AUTHORIZATION),
    /** alipay.system.oauth.token isv.refreshed-token-invalid. */
    REFRESHED_TOKEN_INVALID("40002", "isv.refreshed-token-invalid", "ALIPAY_REFRESH_TOKEN_INVALID", Category.USER_AUTHORIZATION),
    /** alipay.system.oauth.token isv.unmatched-app-id: the code or token belongs to another app. */
    UNMATCHED_APP_ID("40002", "isv.unmatched-app-id", "ALIPAY_CODE_OTHER_APP", Category.USER_CODE),

    /** 40003 isv.invalid-auth-relations (my.getPhoneNumber): the user has not authorised the app. */
    INVALID_AUTH_RELATIONS("40003", "isv.invalid-auth-relations", "ALIPAY_NOT_AUTHORIZED", Category.USER_AUTHORIZATION),
    /** 40003 isv.invalid-app-state: the app's state does not allow the call (e.g. not online). */
    INVALID_APP_STATE("40003", "isv.invalid-app-state", "ALIPAY_APP_STATE_INVALID", Category.CONFIGURATION),
    /** 40005 isv.app-call-limited: the app's call limit is reached. */
    APP_CALL_LIMITED("40005", "isv.app-call-limited", "ALIPAY_RATE_LIMITED", Category.RATE_LIMITED),
    /** 40005 isv.method-call-limited: the method's call limit is reached. */
    METHOD_CALL_LIMITED("40005", "isv.method-call-limited", "ALIPAY_RATE_LIMITED", Category.RATE_LIMITED),
    /** 40006 isv.insufficient-isv-permissions: the product is not bound to the app (e.g. getPhoneNumber not granted). */
    INSUFFICIENT_ISV_PERMISSIONS("40006", "isv.insufficient-isv-permissions", "ALIPAY_PERMISSION_DENIED", Category.CONFIGURATION),
    /** 40006 isv.insufficient-user-permissions. */
    INSUFFICIENT_USER_PERMISSIONS("40006", "isv.insufficient-user-permissions", "ALIPAY_USER_PERMISSION_DENIED", Category.USER_AUTHORIZATION),
    /** 40006 isv.self-invoke-forbidden: the app is not bound to a merchant. */
    SELF_INVOKE_FORBIDDEN("40006", "isv.self-invoke-forbidden", "ALIPAY_PERMISSION_DENIED", Category.CONFIGURATION),

    /** An unknown sub_code under 20000 (service unavailable). */
    OTHER_SERVICE_UNAVAILABLE("20000", null, "ALIPAY_BUSY", Category.TRANSIENT),
    /** An unknown sub_code under 20001 (insufficient token permissions). */
    OTHER_TOKEN_PERMISSION("20001", null, "ALIPAY_AUTH_TOKEN_INVALID", Category.USER_AUTHORIZATION),
    /** An unknown sub_code under 40001 (missing required arguments). */
    OTHER_MISSING_ARGUMENT("40001", null, "ALIPAY_REQUEST_INVALID", Category.REQUEST),
    /** An unknown sub_code under 40002 (invalid arguments). */
    OTHER_INVALID_ARGUMENT("40002", null, "ALIPAY_REQUEST_INVALID", Category.REQUEST),
    /** An unknown sub_code under 40003 (insufficient conditions). */
    OTHER_CONDITION("40003", null, "ALIPAY_CONDITION_NOT_MET", Category.REJECTED),
    /** An unknown sub_code under 40004 (business failed). */
    OTHER_BUSINESS_FAILED("40004", null, "ALIPAY_BUSINESS_FAILED", Category.REJECTED),
    /** An unknown sub_code under 40005 (call limited). */
    OTHER_CALL_LIMITED("40005", null, "ALIPAY_RATE_LIMITED", Category.RATE_LIMITED),
    /** An unknown sub_code under 40006 (insufficient permissions). */
    OTHER_PERMISSION("40006", null, "ALIPAY_PERMISSION_DENIED", Category.CONFIGURATION),
    /** Anything else. */
    OTHER(null, null, "ALIPAY_ERROR", Category.REJECTED);

    /** What kind of problem an error is, so that the service can answer it without knowing every sub_code. */
    public enum Category {
        /** The user's auth code cannot be used: the page should call {@code my.getAuthCode} again. */
        USER_CODE,
        /** The user has not authorised (or revoked) what the call needs. */
        USER_AUTHORIZATION,
        /** The app's keys or console settings are wrong: an operator must act. */
        CONFIGURATION,
        /** Our request is malformed: a bug, or this server's clock. */
        REQUEST,
        /** Alipay limits calls: slow down. */
        RATE_LIMITED,
        /** Alipay is unavailable for now: retry later. */
        TRANSIENT,
        /** Alipay refused for another reason. */
        REJECTED
    }

    private static final Map<String, AlipayError> BY_SUB_CODE = Arrays.stream(values())
            .filter(e -> e.subCode != null)
            .collect(Collectors.toUnmodifiableMap(e -> e.subCode, Function.identity()));
    private static final Map<String, AlipayError> BY_GATEWAY_CODE = Arrays.stream(values())
            .filter(e -> e.subCode == null && e.gatewayCode != null)
            .collect(Collectors.toUnmodifiableMap(e -> e.gatewayCode, Function.identity()));

    private final String gatewayCode;
    private final String subCode;
    private final String code;
    private final Category category;

    AlipayError(String gatewayCode, String subCode, String code, Category category) {
        this.gatewayCode = gatewayCode;
        this.subCode = subCode;
        this.code = code;
        this.category = category;
    }

    /** The error for Alipay's {@code code} and {@code sub_code}, either of which may be null. */
    public static AlipayError of(String gatewayCode, String subCode) {
        if (subCode != null) {
            AlipayError known = BY_SUB_CODE.get(subCode.strip().toLowerCase(Locale.ROOT));
            if (known != null) {
                return known;
            }
        }
        return gatewayCode == null ? OTHER : BY_GATEWAY_CODE.getOrDefault(gatewayCode.strip(), OTHER);
    }

    /** Alipay's gateway code (e.g. {@code 40002}) this error is documented under; null for {@link #OTHER}. */
    public String gatewayCode() {
        return gatewayCode;
    }

    /** Alipay's {@code sub_code}; null for the fallbacks. */
    public String subCode() {
        return subCode;
    }

    /** Our stable code, e.g. {@code ALIPAY_CODE_INVALID}. */
    public String code() {
        return code;
    }

    public Category category() {
        return category;
    }
}
