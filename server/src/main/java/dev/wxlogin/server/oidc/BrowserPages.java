package dev.wxlogin.server.oidc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

/**
 * The one renderer of the pages a browser sees at the provider (scan page, sign-in errors): escaped,
 * with no inline script or style (the CSP forbids both), in Chinese and English, never cached.
 */
public final class BrowserPages {

    /**
     * What a page says, in both languages.
     *
     * @param titleZh the heading in Chinese
     * @param titleEn the heading in English
     * @param textZh  the explanation in Chinese
     * @param textEn  the explanation in English
     */
    public record Message(String titleZh, String titleEn, String textZh, String textEn) {
    }

    private BrowserPages() {
    }

    /** A page that says {@code message}, with {@code status}. */
    public static ResponseEntity<String> respond(HttpStatus status, Message message) {
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore()).body(html(message));
    }

    /** The same page, written to a response outside Spring MVC (a filter's error handler). */
    public static void write(HttpServletResponse response, HttpStatus status, Message message) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        response.getWriter().write(html(message));
    }

    /** The whole page for {@code message}. */
    public static String html(Message message) {
        return head(message.titleZh() + " / " + message.titleEn()) + "<body>\n<main>\n"
                + "<h1 lang=\"zh-CN\">" + HtmlUtils.htmlEscape(message.titleZh()) + "</h1>\n"
                + "<p id=\"message\" lang=\"zh-CN\">" + HtmlUtils.htmlEscape(message.textZh()) + "</p>\n"
                + "<h2 lang=\"en\">" + HtmlUtils.htmlEscape(message.titleEn()) + "</h2>\n"
                + "<p id=\"message-en\" lang=\"en\">" + HtmlUtils.htmlEscape(message.textEn()) + "</p>\n"
                + "</main>\n</body>\n</html>\n";
    }

    /** The document up to its body: charset, viewport, title and the pages' stylesheet. */
    public static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + HtmlUtils.htmlEscape(title)
                + "</title>\n<link rel=\"stylesheet\" href=\"/login/scan.css\">\n</head>\n";
    }
}
