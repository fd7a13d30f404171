package dev.wxlogin.wechat.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.wxlogin.wechat.crypto.DecryptedData;
import dev.wxlogin.wechat.crypto.DecryptionException;
import dev.wxlogin.wechat.crypto.Watermark;
import tools.jackson.databind.json.JsonMapper;

class PhoneNumberTest {

    private static final Watermark WATERMARK = new Watermark("wx1", Instant.parse("2025-01-01T00:00:00Z"));

    private static DecryptedData decrypted(String json) {
        return new DecryptedData(json, JsonMapper.builder().build().readTree(json), WATERMARK);
    }

    @Test
    void legacyPayloadParsesWithItsStringCountryCode() {
        PhoneNumber phone = PhoneNumber.fromDecrypted(decrypted(
                "{\"phoneNumber\":\"13580006666\",\"purePhoneNumber\":\"13580006666\",\"countryCode\":\"86\",\"watermark\":{}}"));

        assertThat(phone).isEqualTo(new PhoneNumber("13580006666", "13580006666", "86", WATERMARK));
    }

    @Test
    void numericCountryCodeIsKeptAsText() {
        PhoneNumber phone = PhoneNumber.fromDecrypted(decrypted(
                "{\"phoneNumber\":\"+85251234567\",\"purePhoneNumber\":\"51234567\",\"countryCode\":852}"));
        assertThat(phone.countryCode()).isEqualTo("852");
    }

    @Test
    void payloadWithoutPhoneFieldsIsRefused() {
        assertThatThrownBy(() -> PhoneNumber.fromDecrypted(decrypted("{\"openId\":\"o1\"}")))
                .isInstanceOfSatisfying(DecryptionException.class,
                        e -> assertThat(e.reason()).isEqualTo(DecryptionException.Reason.NOT_A_PHONE_NUMBER));
    }

    @Test
    void maskedKeepsTheFirstThreeAndLastFourDigits() {
        assertThat(new PhoneNumber("13580006666", "13580006666", "86", WATERMARK).masked()).isEqualTo("135****6666");
        assertThat(new PhoneNumber("+85251234567", "51234567", "852", WATERMARK).masked()).isEqualTo("512*4567");
        assertThat(new PhoneNumber("+1 12345", "12345", "1", WATERMARK).masked()).isEqualTo("***45");
    }

    @Test
    void toStringShowsOnlyTheMaskedNumber() {
        assertThat(new PhoneNumber("13580006666", "13580006666", "86", WATERMARK).toString())
                .doesNotContain("13580006666").contains("135****6666");
    }
}
