package dev.wxlogin.server.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Admin API keys ({@code admin_api_key}): {@code wxa_<id>_<secret>}, 256 random bits of secret. Only
 * the SHA-256 of the whole key is stored; a presented key is looked up by its id and its hash
 * compared in constant time.
 */
public class AdminApiKeys {

    /** Every key starts with this, so that it is recognisable (and findable by secret scanners). */
    public static final String PREFIX = "wxa_";
    private static final Pattern FORMAT = Pattern.compile("wxa_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
    private static final int MAX_NAME = 100;

    /**
     * A key just created: the only time its text exists outside the client.
     *
     * @param key the key, to show once
     * @param description the stored description
     */
    public record Created(String key, AdminApiKey description) {

        @Override
        public String toString() {
            return "Created[id=" + description.id() + "]";
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    AdminApiKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Creates a key named {@code name} (1 to 100 characters) for {@code createdBy}. */
    public Created create(String name, String createdBy) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
            throw new IllegalArgumentException("an API key's name has 1 to " + MAX_NAME + " characters");
        }
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        random.nextBytes(id);
        random.nextBytes(secret);
        String keyId = HexFormat.of().formatHex(id);
        String key = PREFIX + keyId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO admin_api_key (id, name, key_hash, created_by, created_at) VALUES (?, ?, ?, ?, ?)")
                .param(keyId).param(trimmed).param(hash(key)).param(createdBy).param(Timestamp.from(now)).update();
        return new Created(key, new AdminApiKey(keyId, trimmed, createdBy, now, null, null));
    }

    /** Every key, newest first. */
    public List<AdminApiKey> list() {
        return jdbc.sql("SELECT id, name, created_by, created_at, last_used_at, revoked_at FROM admin_api_key ORDER BY created_at DESC, id")
                .query(AdminApiKeys::map).list();
    }

    /** Revokes a key. @return whether it existed and was active */
    public boolean revoke(String id) {
        return jdbc.sql("UPDATE admin_api_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .param(Timestamp.from(clock.instant())).param(id).update() == 1;
    }

    /** The active key {@code presented} is, if it is one. */
    public Optional<AdminApiKey> authenticate(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(presented);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String id = matcher.group(1);
        Optional<String> stored = jdbc.sql("SELECT key_hash FROM admin_api_key WHERE id = ? AND revoked_at IS NULL")
                .param(id).query(String.class).optional();
        if (stored.isEmpty() || !MessageDigest.isEqual(stored.get().getBytes(StandardCharsets.US_ASCII),
                hash(presented).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        jdbc.sql("UPDATE admin_api_key SET last_used_at = ? WHERE id = ?").param(Timestamp.from(clock.instant())).param(id).update();
        return jdbc.sql("SELECT id, name, created_by, created_at, last_used_at, revoked_at FROM admin_api_key WHERE id = ?")
                .param(id).query(AdminApiKeys::map).optional();
    }

    private static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static AdminApiKey map(ResultSet rs, int row) throws SQLException {
        return new AdminApiKey(rs.getString("id"), rs.getString("name"), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("last_used_at")), instant(rs.getTimestamp("revoked_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
