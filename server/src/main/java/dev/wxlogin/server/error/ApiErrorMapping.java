package dev.wxlogin.server.error;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import dev.wxlogin.alipay.AlipayException;
import dev.wxlogin.alipay.gateway.AlipayApiException;
import dev.wxlogin.alipay.gateway.AlipayError;
import dev.wxlogin.alipay.gateway.AlipaySignatureException;
import dev.wxlogin.alipay.gateway.AlipayUnavailableException;
import dev.wxlogin.alipay.phone.AlipayPhoneException;
import dev.wxlogin.douyin.DouyinApiException;
import dev.wxlogin.douyin.DouyinException;
import dev.wxlogin.douyin.DouyinUnavailableException;
import dev.wxlogin.qq.QqApiException;
import dev.wxlogin.qq.QqException;
import dev.wxlogin.qq.QqUnavailableException;
import dev.wxlogin.wechat.api.WeChatApiException;
import dev.wxlogin.wechat.api.WeChatUnavailableException;
import dev.wxlogin.wechat.crypto.DecryptionException;

/** The one place that decides which {@link ApiError} a failure is: for answers and for metrics alike. */
public final class ApiErrorMapping {

    private ApiErrorMapping() {
    }

    public static ApiError of(Throwable failure) {
        return of(failure, false);
    }

    /**
     * What the client is told about encrypted data it sent. Only what can be judged without the key
     * (the iv's and the ciphertext's form) and the rawData signature have codes of their own; every
     * failure after decryption is one answer, so that no byte of a plaintext can be learned by
     * probing (a padding oracle). The reason itself is logged.
     */
    public static ApiError of(DecryptionException.Reason reason) {
        return switch (reason) {
            case INVALID_IV -> ApiError.DATA_IV_INVALID;
            case INVALID_CIPHERTEXT -> ApiError.DATA_ENCRYPTED_INVALID;
            case SIGNATURE_MISMATCH -> ApiError.DATA_SIGNATURE_INVALID;
            // A stored session_key that is not a 16-byte key can only be cured by a new wx.login().
            case INVALID_SESSION_KEY, WRONG_KEY, MALFORMED_PLAINTEXT, WATERMARK_MISSING, WATERMARK_APPID_MISMATCH,
                 WATERMARK_EXPIRED, WATERMARK_IN_FUTURE, NOT_A_PHONE_NUMBER -> ApiError.DATA_DECRYPT_FAILED;
        };
    }

    /** A bad code is the page's (401, as WeChat's); whatever concerns our appid, secret or request is ours (502). */
    private static ApiError ofDouyin(DouyinException failure) {
        if (failure instanceof DouyinApiException e) {
            return switch (e.error()) {
                case INVALID_CODE -> ApiError.DOUYIN_CODE_INVALID;
                case INVALID_ANONYMOUS_CODE -> ApiError.DOUYIN_ANONYMOUS_CODE_INVALID;
                case SYSTEM_ERROR -> ApiError.DOUYIN_BUSY;
                case BAD_PARAMS, INVALID_APPID, INVALID_SECRET -> ApiError.DOUYIN_CONFIG_REJECTED;
                case OTHER -> ApiError.DOUYIN_ERROR;
            };
        }
        if (failure instanceof DouyinUnavailableException e) {
            return switch (e.kind()) {
                case UNREACHABLE -> ApiError.DOUYIN_UNREACHABLE;
                case TIMEOUT -> ApiError.DOUYIN_TIMEOUT;
                case BAD_RESPONSE -> ApiError.DOUYIN_BAD_RESPONSE;
            };
        }
        return ApiError.DOUYIN_ERROR;
    }

    private static ApiError ofQq(QqException failure) {
        if (failure instanceof QqApiException e) {
            return switch (e.error()) {
                case INVALID_CODE -> ApiError.QQ_CODE_INVALID;
                case RATE_LIMITED -> ApiError.QQ_RATE_LIMITED;
                case SYSTEM_BUSY -> ApiError.QQ_BUSY;
                case INVALID_APPID, INVALID_SECRET -> ApiError.QQ_CONFIG_REJECTED;
                case OTHER -> ApiError.QQ_ERROR;
            };
        }
        if (failure instanceof QqUnavailableException e) {
            return switch (e.kind()) {
                case UNREACHABLE -> ApiError.QQ_UNREACHABLE;
                case TIMEOUT -> ApiError.QQ_TIMEOUT;
                case BAD_RESPONSE -> ApiError.QQ_BAD_RESPONSE;
            };
        }
        return ApiError.QQ_ERROR;
    }

    /**
     * By the category the core gives each of Alipay's sub_codes: the user's code is the page's to renew;
     * our configuration and our request are the operator's to fix, never blamed on the page.
     */
    private static ApiError ofAlipay(AlipayException failure) {
        if (failure instanceof AlipayApiException e) {
            return ofAlipay(e.error());
        }
        if (failure instanceof AlipaySignatureException) {
            return ApiError.ALIPAY_RESPONSE_UNVERIFIED;
        }
        if (failure instanceof AlipayUnavailableException e) {
            return switch (e.kind()) {
                case UNREACHABLE -> ApiError.ALIPAY_UNREACHABLE;
                case TIMEOUT -> ApiError.ALIPAY_TIMEOUT;
                case BAD_RESPONSE -> ApiError.ALIPAY_BAD_RESPONSE;
            };
        }
        if (failure instanceof AlipayPhoneException e) {
            return switch (e.reason()) {
                case MALFORMED, UNSUPPORTED_ALGORITHM, SIGNATURE_INVALID, NOT_A_PHONE_NUMBER -> ApiError.ALIPAY_PHONE_INVALID;
                // Without a signature, or with a key that does not decrypt, the console or our keys are wrong.
                case UNSIGNED, CONTENT_KEY_NOT_CONFIGURED, DECRYPTION_FAILED -> ApiError.ALIPAY_PHONE_NOT_CONFIGURED;
                case REFUSED -> e.error().map(error -> error.category() == AlipayError.Category.CONFIGURATION
                        ? ApiError.ALIPAY_PHONE_NOT_CONFIGURED : ApiError.ALIPAY_PHONE_NOT_AUTHORIZED).orElse(ApiError.ALIPAY_PHONE_NOT_AUTHORIZED);
            };
        }
        return ApiError.ALIPAY_ERROR;
    }

    private static ApiError ofAlipay(AlipayError error) {
        return switch (error.category()) {
            case USER_CODE -> ApiError.ALIPAY_CODE_INVALID;
            case CONFIGURATION, REQUEST -> ApiError.ALIPAY_CONFIG_REJECTED;
            case RATE_LIMITED -> ApiError.ALIPAY_RATE_LIMITED;
            case TRANSIENT -> ApiError.ALIPAY_BUSY;
            // An access token or user authorisation is not what a login sends; Alipay refusing anything else is its error.
            case USER_AUTHORIZATION, REJECTED -> ApiError.ALIPAY_ERROR;
        };
    }

    /** For an error the servlet container reports with a status alone: the closest code of ours. */
    public static ApiError ofStatus(int status) {
        return switch (status) {
            case 400 -> ApiError.MALFORMED_REQUEST;
            case 401 -> ApiError.TOKEN_MISSING;
            case 403 -> ApiError.ACCESS_DENIED;
            case 404 -> ApiError.NOT_FOUND;
            case 405 -> ApiError.METHOD_NOT_ALLOWED;
            case 406 -> ApiError.NOT_ACCEPTABLE;
            case 413 -> ApiError.REQUEST_TOO_LARGE;
            case 415 -> ApiError.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ApiError.DATABASE_UNAVAILABLE;
            default -> status >= 400 && status < 500 ? ApiError.MALFORMED_REQUEST : ApiError.INTERNAL_ERROR;
        };
    }

    /**
     * @param upload whether the request was an avatar upload, whose size and type errors have codes of their own
     */
    public static ApiError of(Throwable failure, boolean upload) {
        ApiError error = direct(failure, upload);
        // Wrappers (a servlet or security exception around a database failure, say) mean their cause.
        for (Throwable cause = failure.getCause(); error == ApiError.INTERNAL_ERROR && cause != null && cause != failure;
             cause = cause.getCause()) {
            error = direct(cause, upload);
        }
        return error;
    }

    private static ApiError direct(Throwable failure, boolean upload) {
        if (failure instanceof ApiException e) {
            return e.error();
        }
        if (failure instanceof WeChatApiException e) {
            return switch (e.error()) {
                case INVALID_CODE -> ApiError.WX_CODE_INVALID;
                case CODE_ALREADY_USED -> ApiError.WX_CODE_USED;
                case HIGH_RISK_USER -> ApiError.WX_USER_BLOCKED;
                case RATE_LIMITED -> ApiError.WX_RATE_LIMITED;
                case SYSTEM_BUSY -> ApiError.WX_BUSY;
                case INVALID_APPID, INVALID_SECRET -> ApiError.WX_CONFIG_REJECTED;
                case IP_NOT_WHITELISTED -> ApiError.WX_IP_NOT_WHITELISTED;
                case INVALID_CREDENTIAL, INVALID_ACCESS_TOKEN -> ApiError.WX_ACCESS_TOKEN_INVALID;
                case ACCESS_TOKEN_EXPIRED -> ApiError.WX_ACCESS_TOKEN_EXPIRED;
                case DAILY_LIMIT -> ApiError.WX_DAILY_LIMIT;
                case INVALID_OPENID -> ApiError.WX_OPENID_INVALID;
                case INVALID_SIGNATURE -> ApiError.WX_SESSION_KEY_STALE;
                case OTHER -> ApiError.WX_ERROR;
            };
        }
        if (failure instanceof WeChatUnavailableException e) {
            return switch (e.kind()) {
                case UNREACHABLE -> ApiError.WX_UNREACHABLE;
                case TIMEOUT -> ApiError.WX_TIMEOUT;
                case BAD_RESPONSE -> ApiError.WX_BAD_RESPONSE;
            };
        }
        if (failure instanceof DecryptionException e) {
            return of(e.reason());
        }
        if (failure instanceof DouyinException e) {
            return ofDouyin(e);
        }
        if (failure instanceof QqException e) {
            return ofQq(e);
        }
        if (failure instanceof AlipayException e) {
            return ofAlipay(e);
        }
        if (failure instanceof HttpMessageNotReadableException) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof RequestTooLargeException) {
                    return ApiError.REQUEST_TOO_LARGE;
                }
            }
            return ApiError.MALFORMED_BODY;
        }
        if (failure instanceof MaxUploadSizeExceededException) {
            return upload ? ApiError.AVATAR_TOO_LARGE : ApiError.REQUEST_TOO_LARGE;
        }
        if (failure instanceof MissingServletRequestPartException) {
            return ApiError.INVALID_FIELD;
        }
        if (failure instanceof MultipartException) {
            return ApiError.MALFORMED_BODY;
        }
        if (failure instanceof HttpMediaTypeNotSupportedException) {
            return ApiError.UNSUPPORTED_MEDIA_TYPE;
        }
        if (failure instanceof HttpMediaTypeNotAcceptableException) {
            return ApiError.NOT_ACCEPTABLE;
        }
        if (failure instanceof HttpRequestMethodNotSupportedException) {
            return ApiError.METHOD_NOT_ALLOWED;
        }
        if (failure instanceof NoResourceFoundException) {
            return ApiError.NOT_FOUND;
        }
        if (failure instanceof DataAccessResourceFailureException || failure instanceof TransientDataAccessException) {
            return ApiError.DATABASE_UNAVAILABLE;
        }
        return ApiError.INTERNAL_ERROR;
    }
}
