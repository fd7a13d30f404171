package dev.wxlogin.server.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

import dev.wxlogin.server.app.MiniProgramApp;
import dev.wxlogin.server.app.MiniProgramApps;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiErrorMapping;
import dev.wxlogin.server.session.SessionClaims;
import dev.wxlogin.server.user.ActiveAccounts;
import dev.wxlogin.server.user.UserAccount;

/**
 * Turns a verified access token into a {@link CallerAuthentication}: the user must still exist and
 * be enabled, and the token's app must still be served. Runs once per authenticated request, so no
 * handler looks the caller up again.
 */
final class CallerAuthenticationConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final ActiveAccounts accounts;
    private final MiniProgramApps apps;

    CallerAuthenticationConverter(ActiveAccounts accounts, MiniProgramApps apps) {
        this.accounts = accounts;
        this.apps = apps;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        MiniProgramApp app = apps.find(jwt.getClaimAsString("appid"))
                .orElseThrow(() -> new CallerRefusedException(ApiError.TOKEN_INVALID, null));
        UserAccount user;
        try {
            // The decoder admits only numeric subjects.
            user = accounts.require(Long.parseLong(jwt.getSubject()));
        } catch (RuntimeException e) {
            ApiError error = ApiErrorMapping.of(e);
            if (error == ApiError.INTERNAL_ERROR) {
                throw e; // reported as any unexpected failure is
            }
            throw new CallerRefusedException(error, e);
        }
        String platform = jwt.getClaimAsString(SessionClaims.PLATFORM);
        if (!user.appid().equals(app.appid()) || user.platform() != app.platform()
                || platform != null && !platform.equals(app.platform().wireName())) {
            throw new CallerRefusedException(ApiError.TOKEN_INVALID, null);
        }
        return new CallerAuthentication(jwt, user, app, jwt.getClaimAsString(SessionClaims.SESSION_ID));
    }
}
