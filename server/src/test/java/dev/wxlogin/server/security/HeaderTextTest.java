package dev.wxlogin.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The loop says what Spring Security's default header rule (a regular expression) says, string by string. */
class HeaderTextTest {

    private static final Pattern SPRING_DEFAULT = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    private final HeaderText headerText = new HeaderText();

    @Test
    void agreesWithTheDefaultRuleOnEveryBmpCharacterAndOnMixedStrings() {
        List<String> samples = new ArrayList<>(List.of("", "Bearer eyJhbGciOiJFUzI1NiJ9.e30.sig", "tab\there", "del\u007f",
                "nel\u0085", "unassigned\u0378", "emoji\uD83D\uDE00", "lone\uD800", "\uDC00lone", "中文 header", "\u00a0nbsp",
                "unassigned astral \uD83F\uDFFF", "\r\n"));
        for (int c = 0; c <= 0xFFFF; c++) {
            samples.add("x" + (char) c + "y");
        }
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                text.appendCodePoint(random.nextInt(8) == 0 ? random.nextInt(0x110000) : 0x20 + random.nextInt(0x60));
            }
            samples.add(text.toString());
        }

        int refused = 0;
        for (String sample : samples) {
            boolean expected = SPRING_DEFAULT.matcher(sample).matches();
            assertThat(headerText.test(sample)).as("%s", sample.codePoints().mapToObj(Integer::toHexString).toList()).isEqualTo(expected);
            refused += expected ? 0 : 1;
        }
        assertThat(refused).as("the samples include refused text").isGreaterThan(1000);
    }
}
