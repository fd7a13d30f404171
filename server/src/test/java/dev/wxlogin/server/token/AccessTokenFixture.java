package dev.wxlogin.server.token;

import java.time.Clock;
import java.time.Duration;

import dev.wxlogin.server.StoreDatabase;
import dev.wxlogin.server.crypto.AtRestEncryption;

/** Builds the access-token issuer of a {@link StoreDatabase} test: its signing keys in that database, the service's defaults. */
public final class AccessTokenFixture {

    /** The service's default access-token lifetime. */
    public static final Duration TTL = Duration.ofHours(2);

    private AccessTokenFixture() {
    }

    public static AccessTokenIssuer accessTokenIssuer(StoreDatabase database, Clock clock) {
        SigningKeys keys = new SigningKeys(new SigningKeyStore(database.jdbc(), new AtRestEncryption(null, null)), clock,
                Duration.ofDays(30), TTL, Duration.ofSeconds(60));
        return new AccessTokenIssuer(keys, clock, "https://login.example.test", "wxlogin", TTL, Es256Provider.JDK);
    }
}
