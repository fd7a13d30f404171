package dev.wxlogin.server.weblogin;

import java.time.Clock;
import java.util.Date;
import java.util.List;

import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;

/**
 * The provider's OpenID Connect sessions are the browsers' sign-ins, as the database holds them, so
 * that the token endpoint of any instance finds the one a code was issued in: its ID token then says
 * when the user scanned ({@code auth_time}) and names the sign-in ({@code sid}, a hash of its id).
 * Out of the box the provider would keep a servlet session per authorization in the instance's
 * memory, which the token request, reaching another instance, would not find.
 *
 * <p>The provider looks up a user's sessions with no browser at hand and takes the newest, so with
 * the user signed in on two browsers {@code sid} names the newer sign-in. Principals are user ids
 * as strings, the name of {@link WebSignInContexts#authentication}.
 */
final class WebSignInSessions implements SessionRegistry {

    private final WebSignIns signIns;
    private final Clock clock;

    WebSignInSessions(WebSignIns signIns, Clock clock) {
        this.signIns = signIns;
        this.clock = clock;
    }

    /** Not kept: nothing asks for every signed-in user, and the answer could be large. */
    @Override
    public List<Object> getAllPrincipals() {
        throw new UnsupportedOperationException("sign-ins are looked up by user or by id");
    }

    /** The user's sign-ins that have not ended; an ended one is deleted, not kept as expired. */
    @Override
    public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
        long userId;
        try {
            userId = Long.parseLong(String.valueOf(principal));
        } catch (NumberFormatException notOurs) {
            return List.of();
        }
        return signIns.activeOf(userId, clock.instant()).stream().map(WebSignInSessions::session).toList();
    }

    @Override
    public SessionInformation getSessionInformation(String sessionId) {
        return signIns.find(sessionId).map(WebSignInSessions::session).orElse(null);
    }

    /** A sign-in's time is when the user scanned: requests do not move it (nor cost a write each). */
    @Override
    public void refreshLastRequest(String sessionId) {
    }

    /** Sign-ins are made by completing a scan ({@link WebSignInContexts#signIn}), never by the provider. */
    @Override
    public void registerNewSession(String sessionId, Object principal) {
        throw new UnsupportedOperationException("sign-ins are made by the scan page");
    }

    @Override
    public void removeSessionInformation(String sessionId) {
        signIns.deleteById(sessionId);
    }

    private static SessionInformation session(WebSignIns.SignIn signIn) {
        return new SessionInformation(Long.toString(signIn.userId()), signIn.id(), Date.from(signIn.signedInAt()));
    }
}
