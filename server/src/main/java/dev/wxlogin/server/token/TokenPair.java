package dev.wxlogin.server.token;

/**
 * The login state handed to the client, as every login and refresh answers it.
 *
 * @param accessToken  the ES256 JWT to send as {@code Authorization: Bearer ...}
 * @param refreshToken the single-use token that buys the next pair
 * @param expiresIn    seconds until the access token expires
 * @param tokenType    always {@code Bearer}
 */
public record TokenPair(String accessToken, String refreshToken, long expiresIn, String tokenType) {

    /** The one token type we issue. */
    public static final String BEARER = "Bearer";

    @Override
    public String toString() {
        return "TokenPair[***, expiresIn=" + expiresIn + "]";
    }
}
