package dev.wxlogin.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AtRestEncryptionTest {

    static final String KEY = "tiihtNczf5v6AKRyjwEUhQ==";

    @Test
    void opensWhatItSealedAndNothingElse() {
        AtRestEncryption encryption = new AtRestEncryption("current secret", null);

        String sealed = encryption.seal("user:1", KEY);

        assertThat(sealed).doesNotContain(KEY);
        assertThat(encryption.open("user:1", sealed)).hasValueSatisfying(opened -> {
            assertThat(opened.plaintext()).isEqualTo(KEY);
            assertThat(opened.sealedWithPrevious()).isFalse();
        });
        assertThat(encryption.open("user:2", sealed)).as("bound to what it belongs to").isEmpty();
        assertThat(new AtRestEncryption("another secret", null).open("user:1", sealed)).isEmpty();
        assertThat(encryption.open("user:1", "not base64 ~")).isEmpty();
        assertThat(encryption.open("user:1", "AAAA")).isEmpty();
    }

    @Test
    void anotherProcessOfTheSameSecretOpensIt() {
        String sealed = new AtRestEncryption("current secret", null).seal("kid-1", KEY);

        assertThat(new AtRestEncryption("current secret", null).open("kid-1", sealed))
                .hasValueSatisfying(opened -> assertThat(opened.plaintext()).isEqualTo(KEY));
    }

    @Test
    void thePreviousSecretStillOpensAndSaysSo() {
        String sealedWithOld = new AtRestEncryption("old secret", null).seal("user:1", KEY);
        AtRestEncryption rotating = new AtRestEncryption("new secret", "old secret");

        assertThat(rotating.rotating()).isTrue();
        assertThat(rotating.open("user:1", sealedWithOld)).hasValueSatisfying(opened -> {
            assertThat(opened.plaintext()).isEqualTo(KEY);
            assertThat(opened.sealedWithPrevious()).isTrue();
        });
        assertThat(new AtRestEncryption("old secret", null).open("user:1", rotating.seal("user:1", KEY)))
                .as("new values are sealed under the new secret").isEmpty();
    }

    @Test
    void withoutASecretNothingIsSealedAndAPreviousAloneIsRefused() {
        AtRestEncryption none = new AtRestEncryption(" ", null);

        assertThat(none.enabled()).isFalse();
        assertThatThrownBy(() -> none.seal("user:1", KEY)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new AtRestEncryption(null, "old secret")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WXLOGIN_KEY_ENCRYPTION_SECRET_PREVIOUS").hasMessageNotContaining("old secret");
    }
}
