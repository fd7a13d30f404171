package dev.wxlogin.server.weblogin;

import java.time.Clock;

import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;

import dev.wxlogin.server.StoreDatabase;
import dev.wxlogin.server.user.UserStore;

/** Builds what a user gave on the web ({@link WebGrants}) for a {@link StoreDatabase} test. */
public final class WebGrantsFixture {

    private WebGrantsFixture() {
    }

    public static WebGrants webGrants(StoreDatabase database, UserStore users, Clock clock) {
        return new WebGrants(database.jdbc(), database.transactions(), new WebSignIns(database.jdbc(), users),
                new JdbcRegisteredClientRepository(database.jdbcTemplate()), clock);
    }
}
