package dev.wxlogin.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * One answer of the sandbox.
 *
 * @param status      the HTTP status
 * @param contentType its content type, charset included
 * @param body        the bytes
 */
record SandboxReply(int status, String contentType, byte[] body) {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** A {@code /sandbox/...} answer. */
    static SandboxReply json(int status, Object body) {
        return new SandboxReply(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    /** A WeChat API answer: JSON served as {@code text/plain} with HTTP 200, errcodes included, as WeChat does. */
    static SandboxReply weChat(Map<String, Object> body) {
        return new SandboxReply(200, "text/plain; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    /** The HTML page WeChat's gateway answers under load. */
    static SandboxReply htmlBadGateway() {
        return new SandboxReply(502, "text/html; charset=utf-8",
                "<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8));
    }

    /** WeChat's error body: {@code {"errcode": N, "errmsg": "..., rid: sandbox"}}. */
    static Map<String, Object> errcode(int errcode, String errmsg) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errcode", errcode);
        body.put("errmsg", errmsg + ", rid: sandbox");
        return body;
    }

    /** WeChat's success header: {@code {"errcode": 0, "errmsg": "ok"}}, for more fields to follow. */
    static Map<String, Object> ok() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errcode", 0);
        body.put("errmsg", "ok");
        return body;
    }
}
