package dev.wxlogin.server.admin;

import java.time.Instant;

/**
 * An admin API key as listed: never the key itself, which is shown once when created.
 *
 * @param id         its public id, also inside the key ({@code wxa_<id>_...})
 * @param name       what the operator called it; recorded as the admin in the audit log ({@code key:<name>})
 * @param createdBy  the admin who created it
 * @param createdAt  when
 * @param lastUsedAt when it last opened the admin API, or {@code null}
 * @param revokedAt  when it was revoked, or {@code null} while it works
 */
public record AdminApiKey(String id, String name, String createdBy, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    /** The name admin actions with this key are audited under. */
    public String actor() {
        return "key:" + name;
    }

    /** Whether it still opens the admin API. */
    public boolean active() {
        return revokedAt == null;
    }
}
