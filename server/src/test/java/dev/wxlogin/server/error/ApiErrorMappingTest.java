package dev.wxlogin.server.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.wxlogin.wechat.crypto.DecryptionException;
import dev.wxlogin.wechat.crypto.DecryptionException.Reason;

/** The one mapping of failures to API errors, and the Retry-After that travels with an error. */
class ApiErrorMappingTest {

    @Test
    void everyFailureAfterDecryptionIsOneAnswer() {
        Set<ApiError> afterDecryption = EnumSet.complementOf(EnumSet.of(Reason.INVALID_IV, Reason.INVALID_CIPHERTEXT,
                        Reason.SIGNATURE_MISMATCH)).stream()
                .map(reason -> ApiErrorMapping.of(new DecryptionException(reason, "detail for the log")))
                .collect(Collectors.toSet());

        assertThat(afterDecryption).containsExactly(ApiError.DATA_DECRYPT_FAILED);
    }

    @Test
    void onlyWhatCanBeJudgedWithoutTheKeyHasItsOwnCode() {
        assertThat(ApiErrorMapping.of(Reason.INVALID_IV)).isEqualTo(ApiError.DATA_IV_INVALID);
        assertThat(ApiErrorMapping.of(Reason.INVALID_CIPHERTEXT)).isEqualTo(ApiError.DATA_ENCRYPTED_INVALID);
        assertThat(ApiErrorMapping.of(Reason.SIGNATURE_MISMATCH)).isEqualTo(ApiError.DATA_SIGNATURE_INVALID);
        assertThat(Arrays.stream(ApiError.values()).map(Enum::name))
                .noneMatch(code -> code.startsWith("DATA_WATERMARK") || code.equals("DATA_NOT_JSON"));
    }

    @Test
    void retryAfterIsTheErrorsOwnUnlessTheFailureNamesOne() {
        assertThat(ApiError.WX_RATE_LIMITED.retryAfter()).contains(Duration.ofSeconds(60));
        assertThat(new ApiException(ApiError.WX_BUSY).retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(new ApiException(ApiError.PHONE_CODE_IN_PROGRESS, "detail").retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(new ApiException(ApiError.RATE_LIMITED, Duration.ofSeconds(17)).retryAfter()).contains(Duration.ofSeconds(17));
        assertThat(new ApiException(ApiError.INVALID_FIELD).retryAfter()).isEmpty();
    }
}
