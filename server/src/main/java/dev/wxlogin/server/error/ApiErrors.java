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
        /** Exchanging a Douyin login's code and anonymousCode. */
        DOUYIN(ApiError.DOUYIN_CODE_INVALID, ApiError.DOUYIN_ANONYMOUS_CODE_INVALID, ApiError.DOUYIN_LOGIN_REQUIRED, ApiError.DOUYIN_BUSY,
                ApiError.DOUYIN_CONFIG_REJECTED, ApiError.DOUYIN_UNREACHABLE, ApiError.DOUYIN_BAD_RESPONSE, ApiError.DOUYIN_TIMEOUT,
                ApiError.DOUYIN_UNAVAILABLE, ApiError.DOUYIN_ERROR),
        /** Exchanging a QQ login's code. */
        QQ(ApiError.QQ_CODE_INVALID, ApiError.QQ_RATE_LIMITED, ApiError.QQ_BUSY, ApiError.QQ_CONFIG_REJECTED, ApiError.QQ_UNREACHABLE,
                ApiError.QQ_BAD_RESPONSE, ApiError.QQ_TIMEOUT, ApiError.QQ_UNAVAILABLE, ApiError.QQ_ERROR),
        /** Exchanging an Alipay authCode on Alipay's gateway. */
        ALIPAY(ApiError.ALIPAY_CODE_INVALID, ApiError.ALIPAY_BUSY, ApiError.ALIPAY_RATE_LIMITED, ApiError.ALIPAY_CONFIG_REJECTED,
                ApiError.ALIPAY_RESPONSE_UNVERIFIED, ApiError.ALIPAY_UNREACHABLE, ApiError.ALIPAY_BAD_RESPONSE, ApiError.ALIPAY_TIMEOUT,
                ApiError.ALIPAY_UNAVAILABLE, ApiError.ALIPAY_ERROR),
        /** Verifying and decrypting an Alipay phone number ({@code my.getPhoneNumber}'s response). */
        ALIPAY_PHONE(ApiError.ALIPAY_PHONE_INVALID, ApiError.ALIPAY_PHONE_NOT_AUTHORIZED, ApiError.ALIPAY_PHONE_NOT_CONFIGURED),
        /**
         * The account behind an access token: gone, disabled, or of a platform the endpoint does not serve
         * (a WeChat-only endpoint called with a QQ, Douyin or Alipay user's token).
         */
        ACCOUNT(ApiError.USER_NOT_FOUND, ApiError.USER_DISABLED, ApiError.PLATFORM_UNSUPPORTED);

        private final List<ApiError> errors;

        Family(ApiError... errors) {
            this.errors = List.of(errors);
        }

        public List<ApiError> errors() {
            return errors;
        }
    }
}
