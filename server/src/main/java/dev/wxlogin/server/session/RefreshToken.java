package dev.wxlogin.server.session;

import java.time.Instant;

/**
 * A refresh token just issued: the only moment its value exists outside the client.
 *
 * @param value     256 random bits, base64url; the store keeps only its SHA-256
 * @param familyId  the login it descends from
 * @param expiresAt when it stops working if unused
 */
record RefreshToken(String value, String familyId, Instant expiresAt) {

    @Override
    public String toString() {
        return "RefreshToken[***, familyId=" + familyId + ", expiresAt=" + expiresAt + "]";
    }
}
