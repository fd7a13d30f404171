package dev.wxlogin.server.error;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;

/**
 * The errors an endpoint can answer beyond those every endpoint of its kind can (a malformed body
 * for a JSON endpoint, the {@code TOKEN_*} codes for one that needs an access token, a database
 * outage for all): the OpenAPI document lists them as the endpoint's error answers, grouped by status.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ApiErrors {

    /** Single codes. */
    ApiError[] value() default {};

    /** Whole families of codes, for endpoints that share a step (decrypting, calling WeChat). */
    Family[] families() default {};

    /** Codes that come together because one step of the work gives them. */
    enum Family {
        /**
         * Decrypting and checking {@code encryptedData}/{@code iv} (and a login's {@code rawData}): every
         * failure after decryption is DATA_DECRYPT_FAILED (no oracle).
         */
        ENCRYPTED_DATA(ApiError.DATA_IV_INVALID, ApiError.DATA_ENCRYPTED_INVALID, ApiError.DATA_DECRYPT_FAILED,
                ApiError.DATA_OPENID_MISMATCH),
        /** Any call to WeChat's API. */
        WECHAT(ApiError.WX_BUSY, ApiError.WX_UNAVAILABLE, ApiError.WX_UNREACHABLE, ApiError.WX_BAD_RESPONSE, ApiError.WX_TIMEOUT,
                ApiError.WX_CONFIG_REJECTED, ApiError.WX_ERROR),
        /** A WeChat call that needs the app's access_token. */
        WECHAT_ACCESS_TOKEN(ApiError.WX_IP_NOT_WHITELISTED, ApiError.WX_ACCESS_TOKEN_INVALID,
                ApiError.WX_ACCESS_TOKEN_EXPIRED, ApiError.WX_DAILY_LIMIT, ApiError.WX_OPENID_INVALID),
        /** The account behind an access token: gone or disabled. */
        ACCOUNT(ApiError.USER_NOT_FOUND, ApiError.USER_DISABLED);

        private final List<ApiError> errors;

        Family(ApiError... errors) {
            this.errors = List.of(errors);
        }

        public List<ApiError> errors() {
            return errors;
        }
    }
}
