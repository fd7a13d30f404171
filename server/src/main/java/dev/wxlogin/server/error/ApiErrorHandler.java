package dev.wxlogin.server.error;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.util.DisconnectedClientHelper;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

import dev.wxlogin.wechat.WeChatException;
import dev.wxlogin.wechat.api.WeChatApiException;
import dev.wxlogin.wechat.crypto.DecryptionException;

/**
 * Answers every failure as its {@link ApiError} ({@link ApiErrorMapping} decides which). Nothing
 * internal reaches the client: unknown failures become {@link ApiError#INTERNAL_ERROR} and are
 * logged here, once, with their stack.
 */
@RestControllerAdvice
class ApiErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrorHandler.class);

    private static final String UPLOAD_HINT = "Send the image as multipart/form-data in the field 'file'.";

    private final ErrorResponses responses;

    ApiErrorHandler(ErrorResponses responses) {
        this.responses = responses;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handle(Exception failure, HttpServletRequest request) {
        if (isOurClientGone(failure)) {
            LOG.debug("client went away during {}", request.getRequestURI());
            return null;
        }
        ApiError error = ApiErrorMapping.of(failure, request.getRequestURI().endsWith("/api/v1/me/avatar"));
        log(error, failure, request);
        String detail = detail(failure, request);
        Duration retryAfter = failure instanceof ApiException api ? api.retryAfter().orElse(null) : null;
        return responses.entity(error, detail, retryAfter, request);
    }

    /**
     * Whether our own caller went away, so that there is no one to answer. WeChat dropping its
     * connection to us looks the same to {@link DisconnectedClientHelper} (an end of stream, a
     * reset); that is an answer of WeChat's ({@code WX_UNREACHABLE}), never a silent empty one.
     */
    private static boolean isOurClientGone(Exception failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof WeChatException) {
                return false;
            }
        }
        return DisconnectedClientHelper.isClientDisconnectedException(failure);
    }

    /** A more precise message than the error's own, where the failure has one fit to show. */
    private static String detail(Exception failure, HttpServletRequest request) {
        if (failure instanceof ApiException) {
            return failure.getMessage();
        }
        if (failure instanceof MissingServletRequestPartException missing) {
            return "The multipart field '" + missing.getRequestPartName() + "' is required.";
        }
        boolean upload = request.getRequestURI().endsWith("/api/v1/me/avatar");
        if (upload && (failure instanceof MultipartException || failure instanceof HttpMediaTypeNotSupportedException)) {
            return "Send the image as multipart/form-data in the field 'file'.";
        }
        return null;
    }

    private static void log(ApiError error, Exception failure, HttpServletRequest request) {
        switch (error) {
            case WX_CONFIG_REJECTED -> LOG.error("WeChat rejected our credentials (errcode {}): check WXLOGIN_APPID, WXLOGIN_SECRET and WXLOGIN_APPS",
                    failure instanceof WeChatApiException e ? e.errcode() : "unknown");
            case WX_IP_NOT_WHITELISTED -> LOG.error("WeChat refused this server's IP address (errcode 40164): add it to the app's IP whitelist");
            case WX_ACCESS_TOKEN_INVALID, WX_ACCESS_TOKEN_EXPIRED, WX_DAILY_LIMIT -> LOG.warn("WeChat refused {}: {}", request.getRequestURI(), error);
            case WX_ERROR -> LOG.warn("WeChat refused {}: {}", request.getRequestURI(), failure.getMessage());
            case WX_UNREACHABLE, WX_TIMEOUT, WX_BAD_RESPONSE -> LOG.warn("WeChat unavailable: {}", failure.getMessage());
            // The cores' messages carry no secret, key or code (Alipay's sub_msg, which may quote a code, is kept apart).
            case DOUYIN_CONFIG_REJECTED, QQ_CONFIG_REJECTED, ALIPAY_CONFIG_REJECTED, ALIPAY_RESPONSE_UNVERIFIED, ALIPAY_PHONE_NOT_CONFIGURED ->
                    LOG.error("{} on {}: check the app's configuration ({})", error, request.getRequestURI(), failure.getMessage());
            case DOUYIN_UNREACHABLE, DOUYIN_TIMEOUT, DOUYIN_BAD_RESPONSE, DOUYIN_ERROR, QQ_UNREACHABLE, QQ_TIMEOUT, QQ_BAD_RESPONSE,
                 QQ_ERROR, ALIPAY_UNREACHABLE, ALIPAY_TIMEOUT, ALIPAY_BAD_RESPONSE, ALIPAY_ERROR ->
                    LOG.warn("{} on {}: {}", error, request.getRequestURI(), failure.getMessage());
            case DATABASE_UNAVAILABLE -> LOG.warn("Database unavailable: {}", failure.getClass().getSimpleName());
            case INTERNAL_ERROR -> LOG.error("Unexpected failure on {}", request.getRequestURI(), failure);
            default -> {
                if (failure instanceof DecryptionException e) {
                    // The precise reason is for the operator only: the client sees one answer (no oracle).
                    LOG.info("encrypted data refused on {}: {}", request.getRequestURI(), e.reason());
                } else if (failure instanceof WeChatException) {
                    LOG.debug("{} on {}", error, request.getRequestURI());
                }
            }
        }
    }
}
