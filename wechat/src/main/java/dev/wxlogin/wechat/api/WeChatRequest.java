package dev.wxlogin.wechat.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One call to WeChat's API.
 *
 * @param path        the path below the base URL, e.g. {@code /sns/jscode2session}
 * @param query       query parameters, URL-encoded when sent; order is kept
 * @param jsonBody    a body to POST as JSON, or {@code null} for a GET
 * @param retryOnBusy whether a {@code -1} answer may be retried: only for calls that have no
 *                    effect when WeChat was busy (a paid or single-use call should say no)
 */
public record WeChatRequest(String path, Map<String, String> query, Object jsonBody, boolean retryOnBusy) {

    public WeChatRequest {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /");
        }
        query = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    /** A GET with the given query. */
    public static WeChatRequest get(String path, Map<String, String> query, boolean retryOnBusy) {
        return new WeChatRequest(path, query, null, retryOnBusy);
    }

    /** A POST of {@code body} as JSON. */
    public static WeChatRequest postJson(String path, Map<String, String> query, Object body, boolean retryOnBusy) {
        return new WeChatRequest(path, query, Objects.requireNonNull(body, "body"), retryOnBusy);
    }

    /** Never prints query values: they hold secrets, tokens and codes. */
    @Override
    public String toString() {
        return "WeChatRequest[" + (jsonBody == null ? "GET " : "POST ") + path + "]";
    }
}
