package dev.wxlogin.server.platform;

import java.util.function.Supplier;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;

/** What every exchange checks before sending a code anywhere. */
final class CodeChecks {

    /** Longer than any platform's code (Douyin's run past 120; the Douyin core takes 512). */
    static final int MAX_CODE_LENGTH = 512;

    private CodeChecks() {
    }

    /** @throws ApiException CODE_MISSING when the code is absent, blank, too long or not printable ASCII */
    static String requireCode(String code) {
        if (code == null || code.isBlank() || code.length() > MAX_CODE_LENGTH || !code.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ApiException(ApiError.CODE_MISSING);
        }
        return code;
    }

    /**
     * Runs a call to a core that refuses a code it finds malformed with {@link IllegalArgumentException}
     * (never sending it): that is the page's malformed code, CODE_MISSING, not our bug.
     */
    static <T> T sent(Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            throw new ApiException(ApiError.CODE_MISSING);
        }
    }
}
