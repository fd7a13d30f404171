package dev.wxlogin.server.user;

import java.util.Set;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;

/**
 * The body of {@code PATCH /api/v1/me}: each field given replaces the stored one; omitted or
 * {@code null} fields are kept.
 *
 * @param avatarUrl an {@code https://} URL, or the caller's own current uploaded avatar's path (a path
 *                  under {@value AvatarStorage#URL_PREFIX} is only ever set by an upload)
 * @param gender    0 unknown, 1 male, 2 female
 */
record ProfileChanges(String nickname, String avatarUrl, Integer gender, String country, String province, String city,
                      String language) {

    private static final Set<Integer> GENDERS = Set.of(0, 1, 2);

    /**
     * The changes as a profile of which only the given fields are set; refuses invalid values.
     *
     * @param currentAvatarUrl the caller's avatar now: the only uploaded-avatar path they may name,
     *                         since naming another user's would make our next upload delete it
     */
    UserProfile validated(String currentAvatarUrl) {
        if (nickname != null && (nickname.isBlank() || nickname.length() > 100)) {
            throw invalid("nickname must be 1 to 100 characters");
        }
        if (avatarUrl != null && (avatarUrl.length() > 1024
                || !(avatarUrl.startsWith("https://") || avatarUrl.startsWith(AvatarStorage.URL_PREFIX)))) {
            throw invalid("avatarUrl must be an https:// URL or an uploaded avatar's path, at most 1024 characters");
        }
        if (avatarUrl != null && avatarUrl.startsWith(AvatarStorage.URL_PREFIX) && !avatarUrl.equals(currentAvatarUrl)) {
            throw invalid("an uploaded avatar's path can only be set by POST /api/v1/me/avatar");
        }
        if (gender != null && !GENDERS.contains(gender)) {
            throw invalid("gender must be 0 (unknown), 1 (male) or 2 (female)");
        }
        checkLength("country", country, 100);
        checkLength("province", province, 100);
        checkLength("city", city, 100);
        checkLength("language", language, 20);
        return new UserProfile(nickname == null ? null : nickname.strip(), avatarUrl, gender, country, province, city, language);
    }

    private static void checkLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw invalid(field + " must be at most " + max + " characters");
        }
    }

    private static ApiException invalid(String detail) {
        return new ApiException(ApiError.INVALID_FIELD, detail);
    }
}
