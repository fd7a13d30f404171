package dev.wxlogin.server.oidc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * What a browser sees when the provider refuses a request it brought. An error the website can be
 * told of safely (its redirect URI checked) goes back to it as RFC 6749 §4.1.2.1 says; anything else
 * (an unknown client, an unregistered redirect URI or post-logout URI) is a page for the user, in
 * Chinese and English, instead of the provider's bare 400.
 */
final class AuthorizationErrorPages {

    private static final RedirectStrategy REDIRECT = new DefaultRedirectStrategy();

    private AuthorizationErrorPages() {
    }

    /** For the authorization endpoint. */
    static AuthenticationFailureHandler authorization() {
        return AuthorizationErrorPages::authorizationFailed;
    }

    /** For RP-initiated logout ({@code /connect/logout}): a refused logout never redirects. */
    static AuthenticationFailureHandler logout() {
        return (request, response, exception) -> BrowserPages.write(response, HttpStatus.BAD_REQUEST, logoutMessage(errorOf(exception)));
    }

    private static void authorizationFailed(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        OAuth2Error error = errorOf(exception);
        OAuth2AuthorizationCodeRequestAuthenticationToken asked = exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException e
                ? e.getAuthorizationCodeRequestAuthentication() : null;
        if (asked == null || !StringUtils.hasText(asked.getRedirectUri())) {
            BrowserPages.write(response, HttpStatus.BAD_REQUEST, authorizationMessage(error));
            return;
        }
        UriComponentsBuilder back = UriComponentsBuilder.fromUriString(asked.getRedirectUri())
                .queryParam(OAuth2ParameterNames.ERROR, error.getErrorCode());
        if (StringUtils.hasText(error.getDescription())) {
            back.queryParam(OAuth2ParameterNames.ERROR_DESCRIPTION, UriUtils.encode(error.getDescription(), StandardCharsets.UTF_8));
        }
        if (StringUtils.hasText(error.getUri())) {
            back.queryParam(OAuth2ParameterNames.ERROR_URI, UriUtils.encode(error.getUri(), StandardCharsets.UTF_8));
        }
        if (StringUtils.hasText(asked.getState())) {
            back.queryParam(OAuth2ParameterNames.STATE, UriUtils.encode(asked.getState(), StandardCharsets.UTF_8));
        }
        REDIRECT.sendRedirect(request, response, back.build(true).toUriString());
    }

    private static OAuth2Error errorOf(AuthenticationException exception) {
        return exception instanceof OAuth2AuthenticationException oauth ? oauth.getError()
                : new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, exception.getMessage(), null);
    }

    private static BrowserPages.Message authorizationMessage(OAuth2Error error) {
        String parameter = parameterOf(error);
        if (OAuth2ParameterNames.CLIENT_ID.equals(parameter)) {
            return new BrowserPages.Message("未登记的网站", "Unregistered website",
                    "请求登录的网站未在本服务登记（client_id 无效），无法为它登录。",
                    "The website asking you to sign in is not registered with this service (invalid client_id); you cannot sign in to it.");
        }
        if (OAuth2ParameterNames.REDIRECT_URI.equals(parameter)) {
            return new BrowserPages.Message("回调地址未登记", "Unregistered redirect URI",
                    "该网站请求把你送往一个未登记的地址（redirect_uri），登录已停止。",
                    "The website asked to send you to an address it has not registered (redirect_uri); signing in stopped.");
        }
        return new BrowserPages.Message("无效的登录请求", "Invalid sign-in request",
                "网站发来的登录请求无效（" + describe(error) + "）。请回到网站重试。",
                "The website's sign-in request is invalid (" + describe(error) + "). Go back to the website and try again.");
    }

    private static BrowserPages.Message logoutMessage(OAuth2Error error) {
        if ("post_logout_redirect_uri".equals(parameterOf(error))) {
            return new BrowserPages.Message("退出后的地址未登记", "Unregistered post-logout address",
                    "该网站请求在退出后把你送往一个未登记的地址（post_logout_redirect_uri），已停止。你在本服务的登录没有结束。",
                    "The website asked to send you after signing out to an address it has not registered (post_logout_redirect_uri); "
                            + "nothing was done, and your sign-in here has not ended.");
        }
        return new BrowserPages.Message("无效的退出请求", "Invalid sign-out request",
                "网站发来的退出请求无效（" + describe(error) + "），已停止。你在本服务的登录没有结束。",
                "The website's sign-out request is invalid (" + describe(error) + "); nothing was done, and your sign-in here has not ended.");
    }

    /** The parameter the provider's error names ("OAuth 2.0 Parameter: redirect_uri"), if any. */
    private static String parameterOf(OAuth2Error error) {
        String description = error.getDescription();
        String marker = "Parameter: ";
        int at = description == null ? -1 : description.indexOf(marker);
        return at < 0 ? null : description.substring(at + marker.length()).strip();
    }

    private static String describe(OAuth2Error error) {
        String parameter = parameterOf(error);
        return parameter == null ? error.getErrorCode() : error.getErrorCode() + ": " + parameter;
    }
}
