package dev.wxlogin.server.outage;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.wxlogin.alipay.AlipayException;
import dev.wxlogin.alipay.gateway.AlipayApiException;
import dev.wxlogin.alipay.gateway.AlipayError;
import dev.wxlogin.alipay.gateway.AlipayUnavailableException;
import dev.wxlogin.douyin.DouyinApiException;
import dev.wxlogin.douyin.DouyinError;
import dev.wxlogin.douyin.DouyinException;
import dev.wxlogin.douyin.DouyinUnavailableException;
import dev.wxlogin.qq.QqApiException;
import dev.wxlogin.qq.QqError;
import dev.wxlogin.qq.QqException;
import dev.wxlogin.qq.QqUnavailableException;
import dev.wxlogin.server.app.Platform;
import dev.wxlogin.server.error.ApiError;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One {@link OutageGuard} per platform, each with the thresholds of {@code wxlogin.wechat.*}
 * ({@code WXLOGIN_WECHAT_MAX_CONCURRENT_CALLS}, {@code WXLOGIN_WECHAT_BREAKER_*}) and a breaker of its
 * own: a Douyin outage refuses Douyin calls only. WeChat's is {@link WeChatGuard}'s. What counts as an
 * outage: the platform unreachable, timed out or answering something that is not its API, and its "busy"
 * answer; a user's bad code is the platform working.
 */
@Component
public class PlatformGuards {

    private final Map<Platform, OutageGuard> guards = new EnumMap<>(Platform.class);

    PlatformGuards(WeChatGuard weChat, WeChatOutageProperties properties, MeterRegistry meters, ObjectProvider<Clock> clocks) {
        Clock clock = clocks.getIfAvailable(Clock::systemUTC);
        guards.put(Platform.WECHAT, weChat.guard());
        guards.put(Platform.DOUYIN, new OutageGuard(Platform.DOUYIN.wireName(), properties, meters, clock, DouyinException.class,
                failure -> failure instanceof DouyinUnavailableException
                        || failure instanceof DouyinApiException api && api.error() == DouyinError.SYSTEM_ERROR,
                retryAfter -> new PlatformCallRefusedException(ApiError.DOUYIN_UNAVAILABLE, retryAfter)));
        guards.put(Platform.QQ, new OutageGuard(Platform.QQ.wireName(), properties, meters, clock, QqException.class,
                failure -> failure instanceof QqUnavailableException
                        || failure instanceof QqApiException api && api.error() == QqError.SYSTEM_BUSY,
                retryAfter -> new PlatformCallRefusedException(ApiError.QQ_UNAVAILABLE, retryAfter)));
        guards.put(Platform.ALIPAY, new OutageGuard(Platform.ALIPAY.wireName(), properties, meters, clock, AlipayException.class,
                failure -> failure instanceof AlipayUnavailableException
                        || failure instanceof AlipayApiException api && api.error().category() == AlipayError.Category.TRANSIENT,
                retryAfter -> new PlatformCallRefusedException(ApiError.ALIPAY_UNAVAILABLE, retryAfter)));
    }

    /** The guard of this platform's calls. */
    public OutageGuard of(Platform platform) {
        return guards.get(platform);
    }
}
