package dev.wxlogin.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OneTimeCodeTest {

    @Test
    void aCodeIsOneToTheMaximumLengthOfNonBlankText() {
        assertThat(OneTimeCode.isWellFormed("081abcDEF")).isTrue();
        assertThat(OneTimeCode.isWellFormed("x".repeat(OneTimeCode.MAX_LENGTH))).isTrue();
        assertThat(OneTimeCode.isWellFormed("x".repeat(OneTimeCode.MAX_LENGTH + 1))).isFalse();
        assertThat(OneTimeCode.isWellFormed(" ")).isFalse();
        assertThat(OneTimeCode.isWellFormed(null)).isFalse();
    }
}
