package dev.wxlogin.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void isLowercaseHexOfTheUtf8Bytes() {
        // FIPS 180-2 test vector.
        assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hex("码")).hasSize(64).isNotEqualTo(Sha256.hex("?"));
    }
}
