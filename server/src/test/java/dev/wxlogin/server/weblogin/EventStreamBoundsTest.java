package dev.wxlogin.server.weblogin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestBrowser;
import dev.wxlogin.server.oidc.TwoTestWebsites;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scan page's event streams are bounded: a few per ticket and a ceiling per instance, past which
 * the answer is 429 in our error shape with {@code Retry-After} (the page then polls); a stream whose
 * client left gives its place back.
 */
@ServiceTest
@TwoTestWebsites
@TestPropertySource(properties = {"wxlogin.web-login.event-streams-per-ticket=3", "wxlogin.web-login.event-streams=4"})
class EventStreamBoundsTest {

    private static final Pattern TICKET = Pattern.compile("data-ticket=\"([A-Za-z0-9_-]{22})\"");

    @LocalServerPort
    int port;
    @Autowired
    TicketEventStreams streams;

    private final List<Stream> opened = new ArrayList<>();

    @AfterEach
    void closeStreams() throws InterruptedException {
        opened.forEach(Stream::close);
        awaitAllReleased();
    }

    @Test
    void aTicketHoldsAtMostThreeStreamsAndTheInstanceAtMostItsCeilingThenItIs429InOurShape() throws Exception {
        Ticket first = newTicket();
        Ticket second = newTicket();
        for (int i = 0; i < 3; i++) {
            assertThat(open(first).status).isEqualTo(200);
        }

        Stream fourthOfTicket = open(first);
        assertThat(fourthOfTicket.status).isEqualTo(429);
        assertTooMany(fourthOfTicket);

        assertThat(open(second).status).isEqualTo(200);
        Stream pastCeiling = open(second);
        assertThat(pastCeiling.status).as("the instance's ceiling of 4, though this ticket has one").isEqualTo(429);
        assertTooMany(pastCeiling);
    }

    @Test
    void aStreamWhoseClientLeftGivesItsPlaceBack() throws Exception {
        Ticket ticket = newTicket();
        List<Stream> three = List.of(open(ticket), open(ticket), open(ticket));
        assertThat(three).allSatisfy(stream -> assertThat(stream.status).isEqualTo(200));
        assertThat(open(ticket).status).isEqualTo(429);

        three.forEach(Stream::close);

        awaitAllReleased();
        assertThat(streams.open()).isZero();
        assertThat(open(ticket).status).isEqualTo(200);
    }

    /** The server learns that a client left at its next write (a heartbeat within seconds); then its place is free. */
    private void awaitAllReleased() throws InterruptedException {
        for (int i = 0; i < 200 && streams.open() > 0; i++) {
            Thread.sleep(50);
        }
    }

    private static void assertTooMany(Stream refused) {
        assertThat(refused.headers).containsIgnoringCase("Retry-After: 5");
        JsonNode body = JsonMapper.builder().build().readTree(refused.body);
        assertThat(body.get("code").asString()).isEqualTo("RATE_LIMITED");
        assertThat(body.get("status").asInt()).isEqualTo(429);
    }

    private record Ticket(String id, String cookie) {
    }

    /** A browser that came for a website's sign-in: its ticket and the cookie that claims it. */
    private Ticket newTicket() {
        TestBrowser browser = new TestBrowser();
        String base = "http://127.0.0.1:" + port;
        String scanPage = TestBrowser.location(browser.get(base + "/oauth2/authorize?response_type=code&client_id=spa&scope=openid"
                + "&redirect_uri=" + URLEncoder.encode(TwoTestWebsites.REDIRECT, StandardCharsets.UTF_8)
                + "&state=s&nonce=n&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"));
        assertThat(scanPage).endsWith("/login/scan");
        String page = browser.get(base + "/login/scan").body();
        Matcher ticket = TICKET.matcher(page);
        assertThat(ticket.find()).as(page).isTrue();
        return new Ticket(ticket.group(1), browser.cookie(ScanPageController.COOKIE).orElseThrow().getValue());
    }

    private Stream open(Ticket ticket) throws IOException {
        Stream stream = new Stream(port, ticket);
        opened.add(stream);
        return stream;
    }

    /** One event stream on its own connection, by hand: closing it is a client that leaves. */
    private static final class Stream {

        final int status;
        final String headers;
        final String body;
        private final Socket socket;

        Stream(int port, Ticket ticket) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.getOutputStream().write(("GET /login/scan/" + ticket.id() + "/events HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nAccept: text/event-stream\r\nCookie: " + ScanPageController.COOKIE + "=" + ticket.cookie() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            headers = readHeaders(in);
            status = Integer.parseInt(headers.substring(9, 12));
            body = status == 200 ? "" : readBody(in, headers);
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }

        private static String readHeaders(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        private static String readBody(InputStream in, String headers) throws IOException {
            Matcher length = Pattern.compile("(?i)content-length: (\\d+)").matcher(headers);
            if (length.find()) {
                return new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
            }
            // chunked: one chunk carries the whole small body
            StringBuilder text = new StringBuilder();
            int size;
            while ((size = Integer.parseInt(readLine(in).strip(), 16)) > 0) {
                text.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
                readLine(in);
            }
            return text.toString();
        }

        private static String readLine(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                line.append((char) b);
            }
            return line.toString();
        }
    }
}
