package dev.wxlogin.server.session;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may call the token introspection endpoint (RFC 7662): resource servers, each with a client id
 * and secret, as {@code id:secret,id:secret} ({@code WXLOGIN_INTROSPECTION_CLIENTS}). None
 * configured: every introspection call is refused.
 *
 * @param clients the list; secrets of at least 16 characters
 */
@ConfigurationProperties("wxlogin.introspection")
public record IntrospectionProperties(String clients) {

    private static final int MIN_SECRET_LENGTH = 16;

    /** The clients by id. */
    public Map<String, String> secretsById() {
        Map<String, String> byId = new LinkedHashMap<>();
        if (clients == null || clients.isBlank()) {
            return byId;
        }
        for (String entry : clients.split(",")) {
            String trimmed = entry.strip();
            int colon = trimmed.indexOf(':');
            if (colon < 1 || trimmed.length() - colon - 1 < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException("WXLOGIN_INTROSPECTION_CLIENTS must be id:secret,id:secret with secrets of at least "
                        + MIN_SECRET_LENGTH + " characters");
            }
            byId.put(trimmed.substring(0, colon), trimmed.substring(colon + 1));
        }
        return byId;
    }

    @Override
    public String toString() {
        return "IntrospectionProperties[clients=" + secretsById().keySet() + "]";
    }
}
