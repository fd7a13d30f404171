package dev.wxlogin.server.token;

import java.time.Instant;

/**
 * One signing key as the admin console shows it: public facts only.
 *
 * @param kid           its key id
 * @param algorithm     ES256 or RS256
 * @param createdAt     when it was made
 * @param signing       whether this instance signs with it now
 * @param verifiesUntil when it leaves the published key set
 * @param published     whether it is in the key set now
 */
public record SigningKeyStatus(String kid, String algorithm, Instant createdAt, boolean signing, Instant verifiesUntil, boolean published) {
}
