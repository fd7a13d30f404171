package dev.wxlogin.server.user;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;

/**
 * Uploaded avatars and whose they are ({@code avatar_upload}). An upload deletes only its
 * uploader's own earlier uploads, never a file that some avatarUrl merely names, and uploads of one
 * user are serialised by a lock on the user's row (across instances too), so that however many run
 * at once, exactly one file remains: the one the profile names.
 */
@Service
public class AvatarUploads {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final UserStore users;
    private final AvatarStorage storage;
    private final Clock clock;

    AvatarUploads(JdbcClient jdbc, TransactionTemplate transactions, UserStore users, AvatarStorage storage, Clock clock) {
        this.users = users;
        this.clock = clock;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.storage = storage;
    }

    /**
     * Stores the image (checked by {@link AvatarStorage#store}) and makes it the user's avatar, then
     * deletes the user's other uploads.
     *
     * @throws ApiException AVATAR_TOO_LARGE, AVATAR_UNSUPPORTED_TYPE, USER_NOT_FOUND
     */
    void upload(long userId, byte[] image) {
        String name = storage.store(image);
        List<String> replaced;
        try {
            replaced = transactions.execute(status -> {
                lockUser(userId);
                jdbc.sql("INSERT INTO avatar_upload (name, user_id, created_at) VALUES (?, ?, ?)")
                        .param(name).param(userId).param(Timestamp.from(clock.instant())).update();
                users.setAvatarUrl(userId, AvatarStorage.url(name));
                return removeRecordsExcept(userId, name);
            });
        } catch (RuntimeException e) {
            storage.delete(name);
            throw e;
        }
        replaced.forEach(storage::delete);
    }

    /** Deletes the user's uploads that their profile no longer names (after it was set to another URL). */
    void discardUnused(long userId) {
        List<String> unused = transactions.execute(status -> {
            lockUser(userId);
            String current = users.avatarUrl(userId).orElse("");
            String keep = ProfileRules.isUploadedAvatar(current) ? current.substring(AvatarStorage.URL_PREFIX.length()) : "";
            return removeRecordsExcept(userId, keep);
        });
        unused.forEach(storage::delete);
    }

    /** Deletes every upload of the user, records and files (their account is being deleted). */
    public void deleteAllOf(long userId) {
        List<String> names = transactions.execute(status -> removeRecordsExcept(userId, ""));
        names.forEach(storage::delete);
    }

    /** Whether {@code avatarUrl} is the path of an upload of this user's. */
    boolean isOwnUpload(long userId, String avatarUrl) {
        return ProfileRules.isUploadedAvatar(avatarUrl) && jdbc.sql("SELECT COUNT(*) FROM avatar_upload WHERE name = ? AND user_id = ?")
                .param(avatarUrl.substring(AvatarStorage.URL_PREFIX.length())).param(userId).query(Long.class).single() == 1;
    }

    private void lockUser(long userId) {
        if (!users.lock(userId)) {
            throw new ApiException(ApiError.USER_NOT_FOUND);
        }
    }

    /** Forgets the user's uploads other than {@code keep}; answers their names, whose files go once this commits. */
    private List<String> removeRecordsExcept(long userId, String keep) {
        List<String> names = jdbc.sql("SELECT name FROM avatar_upload WHERE user_id = ? AND name <> ?")
                .param(userId).param(keep).query(String.class).list();
        jdbc.sql("DELETE FROM avatar_upload WHERE user_id = ? AND name <> ?").param(userId).param(keep).update();
        return names;
    }
}
