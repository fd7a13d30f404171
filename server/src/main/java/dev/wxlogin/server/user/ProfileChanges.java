package dev.wxlogin.server.user;

import java.util.function.Predicate;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code PATCH /api/v1/me}: each field given replaces the stored one; omitted or
 * {@code null} fields are kept. Fields are taken as the JSON they are, so that types are strict:
 * {@code "gender": "1"} or {@code 1.5}, or a number as a nickname, are refused rather than coerced.
 *
 * @param avatarUrl an {@code https://} URL, or the path of one of the caller's own uploaded avatars
 *                  (a path under {@value AvatarStorage#URL_PREFIX} is otherwise only ever set by an upload)
 * @param gender    0 unknown, 1 male, 2 female
 */
record ProfileChanges(@Schema(implementation = String.class, maxLength = ProfileRules.NICKNAME_MAX) JsonNode nickname,
                      @Schema(implementation = String.class, maxLength = ProfileRules.URL_MAX) JsonNode avatarUrl,
                      @Schema(implementation = Integer.class, allowableValues = {"0", "1", "2"}) JsonNode gender,
                      @Schema(implementation = String.class, maxLength = ProfileRules.PLACE_MAX) JsonNode country,
                      @Schema(implementation = String.class, maxLength = ProfileRules.PLACE_MAX) JsonNode province,
                      @Schema(implementation = String.class, maxLength = ProfileRules.PLACE_MAX) JsonNode city,
                      @Schema(implementation = String.class, maxLength = ProfileRules.LANGUAGE_MAX) JsonNode language) {

    /**
     * The changes as a profile of which only the given fields are set, by {@link ProfileRules}.
     *
     * @param ownUpload whether an uploaded avatar's path is the caller's own upload: naming another
     *                  user's would make it look like theirs
     * @throws ApiException INVALID_FIELD naming the first field refused
     */
    UserProfile validated(Predicate<String> ownUpload) {
        String nick = ProfileRules.string("nickname", nickname);
        String avatar = ProfileRules.string("avatarUrl", avatarUrl);
        if (avatar != null) {
            ProfileRules.avatarUrl(avatar);
            if (ProfileRules.isUploadedAvatar(avatar) && !ownUpload.test(avatar)) {
                throw new ApiException(ApiError.INVALID_FIELD, "an uploaded avatar's path can only be set by POST /api/v1/me/avatar");
            }
        }
        return new UserProfile(nick == null ? null : ProfileRules.nickname(nick), avatar, ProfileRules.gender(gender),
                place("country", country), place("province", province), place("city", city),
                text("language", language, ProfileRules.LANGUAGE_MAX));
    }

    private static String place(String field, JsonNode value) {
        return text(field, value, ProfileRules.PLACE_MAX);
    }

    private static String text(String field, JsonNode value, int max) {
        String text = ProfileRules.string(field, value);
        return text == null ? null : ProfileRules.text(field, text, max);
    }
}
