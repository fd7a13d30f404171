package dev.wxlogin.server.outage;

import java.time.Duration;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;

/**
 * A call to Douyin, QQ or Alipay we did not make: too many are in flight, or the platform is failing and its
 * breaker is open. Answered 503 with the platform's {@code _UNAVAILABLE} code and {@code Retry-After}.
 */
public final class PlatformCallRefusedException extends ApiException {

    PlatformCallRefusedException(ApiError error, Duration retryAfter) {
        super(error, retryAfter);
    }
}
