package dev.wxlogin.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.wxlogin.server.ServiceTest;

/**
 * The firewall's header rule, with its loop ({@link HeaderText}) wired in: a header value holding a
 * control character is refused when it is read (here: the bearer token's header), before the token is
 * looked at. Raw bytes, since HTTP clients refuse to send such a header.
 */
@ServiceTest
class HeaderFirewallTest {

    @LocalServerPort
    int port;

    @Test
    void aHeaderWithAControlCharacterIsRefusedAndTheSameRequestWithoutItIsNot() throws Exception {
        // Tomcat reads header bytes as ISO-8859-1: 0x85 is U+0085, a C1 control character.
        assertThat(statusOf(new byte[] {'a', (byte) 0x85, 'b'})).isEqualTo(400);
        assertThat(statusOf("ab".getBytes(StandardCharsets.ISO_8859_1))).isEqualTo(401);
    }

    private int statusOf(byte[] headerValue) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("GET /api/v1/me HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer ").getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(headerValue);
            request.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(request.toByteArray());
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }
}
