package dev.wxlogin.server.error;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import dev.wxlogin.wechat.api.WeChatApiException;
import dev.wxlogin.wechat.api.WeChatUnavailableException;
import dev.wxlogin.wechat.crypto.DecryptionException;

/**
 * Maps every failure to an {@link ApiError}. Nothing internal reaches the client: unknown
 * failures become {@link ApiError#INTERNAL_ERROR} and are logged here, once, with their stack.
 */
@RestControllerAdvice
class ApiErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrorHandler.class);

    private static final String UPLOAD_HINT = "Send the image as multipart/form-data in the field 'file'.";

    private final ErrorResponses responses;

    ApiErrorHandler(ErrorResponses responses) {
        this.responses = responses;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e, HttpServletRequest request) {
        return respond(e.error(), e.getMessage(), request);
    }

    @ExceptionHandler(WeChatApiException.class)
    ResponseEntity<Object> weChat(WeChatApiException e, HttpServletRequest request) {
        ApiError error = switch (e.error()) {
            case INVALID_CODE -> ApiError.WX_CODE_INVALID;
            case CODE_ALREADY_USED -> ApiError.WX_CODE_USED;
            case HIGH_RISK_USER -> ApiError.WX_USER_BLOCKED;
            case RATE_LIMITED -> ApiError.WX_RATE_LIMITED;
            case SYSTEM_BUSY -> ApiError.WX_BUSY;
            case INVALID_APPID, INVALID_SECRET -> {
                LOG.error("WeChat rejected our credentials (errcode {}): check WXLOGIN_APPID and WXLOGIN_SECRET", e.errcode());
                yield ApiError.WX_CONFIG_REJECTED;
            }
            default -> {
                LOG.warn("WeChat answered errcode {} to {}", e.errcode(), request.getRequestURI());
                yield ApiError.WX_ERROR;
            }
        };
        return respond(error, null, request);
    }

    @ExceptionHandler(WeChatUnavailableException.class)
    ResponseEntity<Object> weChatUnavailable(WeChatUnavailableException e, HttpServletRequest request) {
        LOG.warn("WeChat unavailable: {}", e.getMessage());
        ApiError error = switch (e.kind()) {
            case UNREACHABLE -> ApiError.WX_UNREACHABLE;
            case TIMEOUT -> ApiError.WX_TIMEOUT;
            case BAD_RESPONSE -> ApiError.WX_BAD_RESPONSE;
        };
        return respond(error, null, request);
    }

    @ExceptionHandler(DecryptionException.class)
    ResponseEntity<Object> decryption(DecryptionException e, HttpServletRequest request) {
        ApiError error = ApiError.byCode(e.code());
        // A session_key that is not a 16-byte key can only be cured by a new wx.login().
        return respond(error == null ? ApiError.DATA_DECRYPT_FAILED : error, e.getMessage(), request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestTooLargeException) {
                return respond(ApiError.REQUEST_TOO_LARGE, null, request);
            }
        }
        return respond(ApiError.MALFORMED_BODY, null, request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Object> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return respond(ApiError.UNSUPPORTED_MEDIA_TYPE, isUpload(request) ? UPLOAD_HINT : null, request);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Object> uploadTooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        return respond(isUpload(request) ? ApiError.AVATAR_TOO_LARGE : ApiError.REQUEST_TOO_LARGE, null, request);
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ResponseEntity<Object> missingPart(MissingServletRequestPartException e, HttpServletRequest request) {
        return respond(ApiError.INVALID_FIELD, "The multipart field '" + e.getRequestPartName() + "' is required.", request);
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> multipart(MultipartException e, HttpServletRequest request) {
        return respond(ApiError.MALFORMED_BODY, isUpload(request) ? UPLOAD_HINT : null, request);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return respond(ApiError.METHOD_NOT_ALLOWED, null, request);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Object> notFound(NoResourceFoundException e, HttpServletRequest request) {
        return respond(ApiError.NOT_FOUND, null, request);
    }

    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<Object> database(DataAccessException e, HttpServletRequest request) {
        if (e instanceof DataAccessResourceFailureException || e instanceof TransientDataAccessException) {
            LOG.warn("Database unavailable: {}", e.getClass().getSimpleName());
            return respond(ApiError.DATABASE_UNAVAILABLE, null, request);
        }
        LOG.error("Database failure on {}", request.getRequestURI(), e);
        return respond(ApiError.INTERNAL_ERROR, null, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        LOG.error("Unexpected failure on {}", request.getRequestURI(), e);
        return respond(ApiError.INTERNAL_ERROR, null, request);
    }

    private static boolean isUpload(HttpServletRequest request) {
        return request.getRequestURI().endsWith("/api/v1/me/avatar");
    }

    private ResponseEntity<Object> respond(ApiError error, String detail, HttpServletRequest request) {
        return responses.entity(error, detail, request);
    }
}
