package dev.wxlogin.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The fast path resolves exactly what Spring Security's resolver resolves, and refuses what it refuses. */
class BearerHeaderTest {

    private final DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();
    private final BearerHeader ours = new BearerHeader();

    @Test
    void resolvesAndRefusesHeaderByHeaderAsSpringSecurityDoes() {
        List<String> headers = new ArrayList<>(List.of("Bearer abc.def.ghi", "bearer abc", "BEARER abc", "Bearer abc==", "Bearer ==",
                "Bearer ", "Bearer", "Bearer  abc", "Bearer abc ", "Bearer a=b", "Bearer a.b~c+d/e-f_g", "Basic dXNlcjpwYXNz",
                "Bearer abc\u00e9", "Bearer 中文", "Bearerabc", "Token abc", ""));
        Random random = new Random(7);
        String alphabet = "abcXYZ019-._~+/= \t=éB";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder header = new StringBuilder(random.nextBoolean() ? "Bearer " : random.nextBoolean() ? "bearer " : "Bear");
            for (int n = random.nextInt(10); n > 0; n--) {
                header.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            headers.add(header.toString());
        }
        int resolved = 0;
        for (String header : headers) {
            String expected = outcome(() -> spring.resolve(request(header)));
            assertThat(outcome(() -> ours.resolve(request(header)))).as("[%s]", header).isEqualTo(expected);
            resolved += expected.startsWith("token:") ? 1 : 0;
        }
        assertThat(resolved).as("the samples include resolved tokens").isGreaterThan(500);
        assertThat(BearerHeader.wellFormedToken("Bearer abc.def==")).isEqualTo("abc.def==");
    }

    private static MockHttpServletRequest request(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/me");
        request.addHeader("Authorization", authorization);
        return request;
    }

    private static String outcome(java.util.function.Supplier<String> resolve) {
        try {
            String token = resolve.get();
            return token == null ? "none" : "token:" + token;
        } catch (RuntimeException e) {
            return "refused:" + e.getClass().getSimpleName() + ":" + e.getMessage();
        }
    }
}
