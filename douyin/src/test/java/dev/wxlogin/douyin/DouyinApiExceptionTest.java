package dev.wxlogin.douyin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Douyin's err_no values map to stable codes, and err_tips is kept only as printable, bounded text. */
class DouyinApiExceptionTest {

    @Test
    void everyDocumentedErrNoHasItsOwnStableCode() {
        assertThat(new DouyinApiException(-1, null).code()).isEqualTo("DOUYIN_BUSY");
        assertThat(new DouyinApiException(40014, null).code()).isEqualTo("DOUYIN_BAD_REQUEST");
        assertThat(new DouyinApiException(40015, null).code()).isEqualTo("DOUYIN_APPID_INVALID");
        assertThat(new DouyinApiException(40017, null).code()).isEqualTo("DOUYIN_SECRET_INVALID");
        assertThat(new DouyinApiException(40018, null).code()).isEqualTo("DOUYIN_CODE_INVALID");
        assertThat(new DouyinApiException(40019, null).code()).isEqualTo("DOUYIN_ANONYMOUS_CODE_INVALID");
        assertThat(new DouyinApiException(7_122_357_061_596_995_000L, null).error()).isEqualTo(DouyinError.OTHER);
    }

    @Test
    void configurationAndBadCodeFamiliesAreTold() {
        assertThat(DouyinError.of(40015).isOurConfiguration()).isTrue();
        assertThat(DouyinError.of(40017).isOurConfiguration()).isTrue();
        assertThat(DouyinError.of(40018).isOurConfiguration()).isFalse();
        assertThat(DouyinError.of(40018).isBadCode()).isTrue();
        assertThat(DouyinError.of(40019).isBadCode()).isTrue();
        assertThat(DouyinError.of(-1).isBadCode()).isFalse();
    }

    @Test
    void errTipsLoseControlCharactersAndAreCutShort() {
        DouyinApiException e = new DouyinApiException(40018, "bad\r\ncode\u0000" + "x".repeat(500));

        assertThat(e.errTips()).startsWith("badcode").doesNotContain("\n", "\r", "\u0000").hasSize(201);
        assertThat(e.getMessage()).doesNotContain("\n");
    }
}
