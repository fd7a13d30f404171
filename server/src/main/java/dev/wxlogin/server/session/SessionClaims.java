package dev.wxlogin.server.session;

/** The access-token claim that names the session. */
public final class SessionClaims {

    /** {@code sid}: the id of the login session (refresh-token family) the token was issued in. */
    public static final String SESSION_ID = "sid";

    private SessionClaims() {
    }
}
