package dev.wxlogin.wechat.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.wxlogin.wechat.OfficialSamples;
import dev.wxlogin.wechat.SessionKey;

class SessionKeySignatureTest {

    /** "hmac_sha256 with key 'K' over message 'M' starts P and ends S", as WeChat's docs put it. */
    private static final Matcher DOC_EXAMPLE = Pattern.compile("key '(.+?)' over message '(.+?)' starts (\\w+) and ends (\\w+)")
            .matcher(OfficialSamples.checkSessionKeySignature().get("docExample").asString());

    static {
        if (!DOC_EXAMPLE.find()) {
            throw new IllegalStateException("the checkSessionKeySignature doc example changed shape");
        }
    }

    @Test
    void officialDocExampleSignsToItsKnownPrefixAndSuffix() {
        String signature = SessionKeySignature.sign(SessionKey.of(DOC_EXAMPLE.group(1)), DOC_EXAMPLE.group(2));

        assertThat(signature).hasSize(64).startsWith(DOC_EXAMPLE.group(3)).endsWith(DOC_EXAMPLE.group(4)).isLowerCase();
    }

    @Test
    void checkSessionSignsTheEmptyString() {
        SessionKey key = SessionKey.of(DOC_EXAMPLE.group(1));
        assertThat(SessionKeySignature.forCheckSession(key)).isEqualTo(SessionKeySignature.sign(key, ""))
                .isNotEqualTo(SessionKeySignature.sign(key, DOC_EXAMPLE.group(2)));
    }

    @Test
    void keyIsTheBase64TextNotTheBytesItDecodesTo() {
        // Two spellings of the same 16 bytes are two different keys for this signature.
        SessionKey text = SessionKey.of("o0q0otL8aEzpcZL/FT9WsQ==");
        SessionKey unpadded = SessionKey.of("o0q0otL8aEzpcZL/FT9WsQ");
        assertThat(SessionKeySignature.forCheckSession(text)).isNotEqualTo(SessionKeySignature.forCheckSession(unpadded));
    }

    @Test
    void matchesAcceptsEitherCaseAndRefusesAnotherKey() {
        SessionKey key = SessionKey.of("o0q0otL8aEzpcZL/FT9WsQ==");
        String signature = SessionKeySignature.forCheckSession(key);

        assertThat(SessionKeySignature.matches(key, "", signature.toUpperCase())).isTrue();
        assertThat(SessionKeySignature.matches(SessionKey.of("tiihtNczf5v6AKRyjwEUhQ=="), "", signature)).isFalse();
        assertThat(SessionKeySignature.matches(key, "", null)).isFalse();
    }
}
