package dev.wxlogin.wechat.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.wxlogin.wechat.OfficialSamples;
import dev.wxlogin.wechat.SessionKey;
import dev.wxlogin.wechat.crypto.DecryptionException.Reason;
import tools.jackson.databind.JsonNode;

class RawDataSignatureTest {

    private static final JsonNode SAMPLE = OfficialSamples.rawDataSignature();
    private static final SessionKey KEY = SessionKey.of(SAMPLE.get("sessionKey").asString());
    private static final String RAW = SAMPLE.get("rawData").asString();
    private static final String SIGNATURE = SAMPLE.get("signature").asString();

    @Test
    void officialSampleSignsToItsKnownSignature() {
        assertThat(RawDataSignature.sign(RAW, KEY)).isEqualTo(SIGNATURE);
    }

    @Test
    void officialSampleVerifies() {
        assertThatCode(() -> RawDataSignature.verify(RAW, SIGNATURE, KEY)).doesNotThrowAnyException();
        assertThatCode(() -> RawDataSignature.verify(RAW, SIGNATURE.toUpperCase(), KEY)).doesNotThrowAnyException();
    }

    @Test
    void tamperedRawDataIsRefused() {
        assertMismatch(() -> RawDataSignature.verify(RAW.replace("Band", "Bond"), SIGNATURE, KEY));
    }

    @Test
    void signatureUnderAnotherKeyIsRefused() {
        assertMismatch(() -> RawDataSignature.verify(RAW, SIGNATURE, SessionKey.of("tiihtNczf5v6AKRyjwEUhQ==")));
    }

    @Test
    void truncatedOrMissingSignatureIsRefused() {
        assertMismatch(() -> RawDataSignature.verify(RAW, SIGNATURE.substring(0, 39), KEY));
        assertMismatch(() -> RawDataSignature.verify(RAW, null, KEY));
        assertMismatch(() -> RawDataSignature.verify(null, SIGNATURE, KEY));
    }

    private static void assertMismatch(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DecryptionException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH));
    }
}
