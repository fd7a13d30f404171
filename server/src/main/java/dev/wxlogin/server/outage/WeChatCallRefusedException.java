package dev.wxlogin.server.outage;

import java.time.Duration;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;

/**
 * A WeChat call we did not make: too many are in flight, or WeChat is failing and the breaker is
 * open. Answered {@code 503 WX_UNAVAILABLE} with {@code Retry-After}; nothing reached WeChat.
 */
public final class WeChatCallRefusedException extends ApiException {

    WeChatCallRefusedException(Duration retryAfter) {
        super(ApiError.WX_UNAVAILABLE, retryAfter);
    }
}
