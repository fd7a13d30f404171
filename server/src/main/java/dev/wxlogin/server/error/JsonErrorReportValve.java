package dev.wxlogin.server.error;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;

import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error report in our JSON error shape instead of its HTML page: for what Tomcat refuses
 * before any servlet runs (a header section over the limit, an encoded {@code /} or NUL in the
 * path, a malformed request line). Installed as the host's error report valve.
 */
final class JsonErrorReportValve extends ErrorReportValve {

    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorReportValve.class);

    private final JsonMapper json;

    JsonErrorReportValve(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ApiError error = ApiErrorMapping.ofStatus(status);
        String uri = request.getRequestURI();
        boolean legacy = uri != null && uri.startsWith("/user/");
        try {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json.writeValueAsString(ErrorResponses.body(error, null, legacy)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            LOG.debug("cannot write the error report for status {}", status, e);
        }
    }
}
