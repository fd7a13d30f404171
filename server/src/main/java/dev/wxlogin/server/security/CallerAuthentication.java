package dev.wxlogin.server.security;

import java.util.List;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import dev.wxlogin.server.user.Caller;
import dev.wxlogin.server.user.UserAccount;
import dev.wxlogin.server.app.MiniProgramApp;

/**
 * A verified access token with what it names resolved: the user as stored, the app, the session.
 * Still a {@link JwtAuthenticationToken}, so the token's claims stay at hand.
 */
final class CallerAuthentication extends JwtAuthenticationToken {

    private final UserAccount user;
    private final MiniProgramApp app;
    private final String sessionId;

    CallerAuthentication(Jwt jwt, UserAccount user, MiniProgramApp app, String sessionId) {
        super(jwt, List.of(), jwt.getSubject());
        this.user = user;
        this.app = app;
        this.sessionId = sessionId;
    }

    MiniProgramApp app() {
        return app;
    }

    /** The caller as handlers receive it. */
    Caller caller(String clientAddress) {
        return new Caller(user, app, sessionId, clientAddress);
    }
}
