package dev.wxlogin.server.user;

import java.text.Normalizer;
import java.util.regex.Pattern;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import tools.jackson.databind.JsonNode;

/**
 * The one set of rules for every profile field, whichever way it is set ({@code PATCH /api/v1/me},
 * the user info of a login): what is stored will be shown in consoles and pages, so text is NFC
 * normalised and may hold no control characters, lone surrogates or bidirectional controls (which
 * reorder what is shown around them); an avatar URL is a strict {@code https://} URL or one of our
 * own uploaded avatars' paths; gender is the JSON integer 0, 1 or 2, never {@code "1"} or {@code 1.5}.
 * A value that breaks a rule is refused with INVALID_FIELD naming the field, never quoting the value.
 */
public final class ProfileRules {

    static final int NICKNAME_MAX = 100;
    static final int PLACE_MAX = 100;
    static final int LANGUAGE_MAX = 20;
    static final int URL_MAX = 1024;

    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    /** RFC 3986 characters that need no quoting anywhere: no quotes, brackets, parentheses, spaces or backslashes. */
    private static final String URL_CHARS = "[A-Za-z0-9\\-._~%!$&*+,;=:@/]";
    private static final Pattern HTTPS_URL = Pattern.compile(
            "https://" + LABEL + "(?:\\." + LABEL + ")*(?::[0-9]{1,5})?(?:/" + URL_CHARS + "*)?(?:\\?" + URL_CHARS.replace("]", "?]") + "*)?");
    private static final Pattern BAD_PERCENT = Pattern.compile("%(?![0-9A-Fa-f]{2})");
    private static final Pattern UPLOADED_AVATAR = Pattern.compile(Pattern.quote(AvatarStorage.URL_PREFIX) + "[0-9a-f]{32}\\.(jpg|png|webp)");

    private ProfileRules() {
    }

    /** A nickname: 1 to {@value #NICKNAME_MAX} characters of clean text, surrounding blanks stripped. */
    static String nickname(String value) {
        String text = cleanText("nickname", value).strip();
        if (text.isEmpty() || text.length() > NICKNAME_MAX) {
            throw invalid("nickname must be 1 to " + NICKNAME_MAX + " characters");
        }
        return text;
    }

    /** country, province, city or language: clean text of at most {@code max} characters. */
    static String text(String field, String value, int max) {
        String text = cleanText(field, value);
        if (text.length() > max) {
            throw invalid(field + " must be at most " + max + " characters");
        }
        return text;
    }

    /** A strict https URL, or the path of one of our uploaded avatars; at most {@value #URL_MAX} characters. */
    static String avatarUrl(String value) {
        if (value.length() > URL_MAX || !(HTTPS_URL.matcher(value).matches() && !BAD_PERCENT.matcher(value).find()
                || isUploadedAvatar(value))) {
            throw invalid("avatarUrl must be an https:// URL or an uploaded avatar's path, at most " + URL_MAX + " characters");
        }
        return value;
    }

    /** Whether the URL names one of our uploaded avatars (which only an upload may set). */
    static boolean isUploadedAvatar(String value) {
        return value != null && UPLOADED_AVATAR.matcher(value).matches();
    }

    /** 0 unknown, 1 male, 2 female, as a JSON integer. */
    static Integer gender(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0 || value.asInt() > 2) {
            throw invalid("gender must be the number 0 (unknown), 1 (male) or 2 (female)");
        }
        return value.asInt();
    }

    /** A JSON string field as text; {@code null} when absent or JSON null; refused when of another type. */
    static String string(String field, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw invalid(field + " must be a string");
        }
        return value.asString();
    }

    /**
     * Whether {@code value} is text these rules allow anywhere it is shown (a website's name too): valid
     * Unicode with no control characters and no bidirectional controls.
     */
    public static boolean isShowableText(String value) {
        try {
            cleanText("text", value);
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    private static String cleanText(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw invalid(field + " must be valid Unicode text (a lone surrogate was found)");
            } else if (Character.getType(c) == Character.CONTROL || isBidiControl(c)) {
                throw invalid(field + " must not contain control characters or bidirectional controls");
            }
        }
        return Normalizer.normalize(value, Normalizer.Form.NFC);
    }

    /** Marks, embeddings, overrides and isolates (U+061C, U+200E/F, U+202A–E, U+2066–9). */
    private static boolean isBidiControl(char c) {
        return c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    private static ApiException invalid(String detail) {
        return new ApiException(ApiError.INVALID_FIELD, detail);
    }
}
