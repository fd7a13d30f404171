package dev.wxlogin.server.app;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.wechat.WeChatApp;

/**
 * Decides which mini program a request is for. The caller passes the answer down explicitly;
 * nothing is kept per thread.
 *
 * <ol>
 *   <li>the {@code X-WxLogin-AppId} header;</li>
 *   <li>else the appid in the {@code Referer} the WeChat client sets on every {@code wx.request}:
 *       {@code https://servicewechat.com/{appid}/{version}/page-frame.html};</li>
 *   <li>else, when this deployment serves exactly one app, that one; for {@link #selectForLogin}, the only app of
 *       the platform the login names (WeChat when it names none), so that deployments of one app per platform
 *       need no header;</li>
 *   <li>else 400 {@code APP_REQUIRED}. An appid this deployment does not serve is 400 {@code APP_UNKNOWN}.</li>
 * </ol>
 */
@Component
public class AppSelector {

    /** The header a client names its app in. */
    public static final String HEADER = "X-WxLogin-AppId";

    private static final Pattern WECHAT_REFERER = Pattern.compile("^https://servicewechat\\.com/([^/]+)/[^/]+/page-frame\\.html$");

    private final WeChatApps apps;
    private final MiniProgramApps allApps;

    AppSelector(WeChatApps apps, MiniProgramApps allApps) {
        this.apps = apps;
        this.allApps = allApps;
    }

    /**
     * The app a login of any platform is for: the one the request names, whatever its platform; else the only
     * app served; else the only app of {@code platform} (the login's, WeChat's when it names none).
     *
     * @param platform the platform the login's body names, if it names one
     * @throws ApiException APP_UNKNOWN for an app not served, APP_REQUIRED when the request must name one
     */
    public MiniProgramApp selectForLogin(HttpServletRequest request, Optional<Platform> platform) {
        Optional<String> named = namedAppid(request);
        if (named.isPresent()) {
            return allApps.require(named.get());
        }
        if (allApps.size() == 1) {
            return allApps.all().get(0);
        }
        List<MiniProgramApp> ofPlatform = allApps.of(platform.orElse(Platform.WECHAT));
        if (ofPlatform.size() == 1) {
            return ofPlatform.get(0);
        }
        throw new ApiException(ApiError.APP_REQUIRED);
    }

    /** The WeChat app an unauthenticated WeChat-only request (the compatible login) is for. */
    public WeChatApp select(HttpServletRequest request) {
        Optional<String> named = namedAppid(request);
        if (named.isPresent()) {
            return apps.require(named.get());
        }
        if (apps.size() == 1) {
            return apps.defaultApp();
        }
        throw new ApiException(ApiError.APP_REQUIRED);
    }

    /**
     * For an authenticated caller, whose app is the one its token names.
     *
     * @throws ApiException TOKEN_WRONG_APP when the request names an app other than {@code tokenAppid}
     */
    public void requireSameApp(HttpServletRequest request, String tokenAppid) {
        Optional<String> named = namedAppid(request);
        if (named.isPresent() && !named.get().equals(tokenAppid)) {
            throw new ApiException(ApiError.TOKEN_WRONG_APP);
        }
    }

    /** The appid the request names in the header or WeChat's Referer, if any. */
    static Optional<String> namedAppid(HttpServletRequest request) {
        String header = request.getHeader(HEADER);
        if (header != null && !header.isBlank()) {
            return Optional.of(wellFormed(header.trim()));
        }
        String referer = request.getHeader(HttpHeaders.REFERER);
        if (referer != null) {
            Matcher matcher = WECHAT_REFERER.matcher(referer.trim());
            if (matcher.matches()) {
                return Optional.of(wellFormed(matcher.group(1)));
            }
        }
        return Optional.empty();
    }

    private static String wellFormed(String appid) {
        if (!WeChatApps.isWellFormed(appid)) {
            throw new ApiException(ApiError.APP_UNKNOWN);
        }
        return appid;
    }
}
