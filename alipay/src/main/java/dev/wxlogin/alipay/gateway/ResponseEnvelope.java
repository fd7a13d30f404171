package dev.wxlogin.alipay.gateway;

import java.util.Optional;

/**
 * The gateway's answer as text: {@code {"<method>_response": {...}, "sign": "..."}} or
 * {@code {"error_response": {...}, "sign": "..."}}. Alipay signs the exact characters of the node's
 * value, so they are cut from the body as sent, never re-serialised (the rule of alipay-sdk-java's
 * {@code AlipaySignature.extractSignContent}: from the node's opening brace to its matching closing one,
 * braces inside strings and escaped quotes skipped).
 *
 * @param nodeName the node found: the method's, or {@code error_response}
 * @param nodeText the node's value exactly as in the body
 */
public record ResponseEnvelope(String nodeName, String nodeText) {

    /** Alipay's node for errors the gateway answers before the method runs. */
    public static final String ERROR_NODE = "error_response";

    /**
     * Finds the method's node, or else the error node, among the top-level members of {@code body}.
     *
     * @return empty when the body is not a JSON object with either node as an object
     */
    public static Optional<ResponseEnvelope> find(String body, String methodNode) {
        Optional<String> node = topLevelObject(body, methodNode);
        if (node.isPresent()) {
            return Optional.of(new ResponseEnvelope(methodNode, node.get()));
        }
        return topLevelObject(body, ERROR_NODE).map(text -> new ResponseEnvelope(ERROR_NODE, text));
    }

    /** The raw text of the top-level member {@code name} when its value is an object. */
    static Optional<String> topLevelObject(String body, String name) {
        String key = "\"" + name + "\"";
        int i = skipSpace(body, 0);
        if (i >= body.length() || body.charAt(i) != '{') {
            return Optional.empty();
        }
        i++;
        while (true) {
            i = skipSpace(body, i);
            if (i >= body.length() || body.charAt(i) != '"') {
                return Optional.empty();
            }
            int keyEnd = endOfString(body, i);
            if (keyEnd < 0) {
                return Optional.empty();
            }
            boolean wanted = body.startsWith(key, i) && keyEnd == i + key.length();
            i = skipSpace(body, keyEnd);
            if (i >= body.length() || body.charAt(i) != ':') {
                return Optional.empty();
            }
            i = skipSpace(body, i + 1);
            int valueEnd = endOfValue(body, i);
            if (valueEnd < 0) {
                return Optional.empty();
            }
            if (wanted) {
                return body.charAt(i) == '{' ? Optional.of(body.substring(i, valueEnd)) : Optional.empty();
            }
            i = skipSpace(body, valueEnd);
            if (i < body.length() && body.charAt(i) == ',') {
                i++;
                continue;
            }
            return Optional.empty();
        }
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\r')) {
            i++;
        }
        return i;
    }

    /** The index just past the string starting at {@code i} (a quote), or -1. */
    private static int endOfString(String s, int i) {
        for (int j = i + 1; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '"') {
                return j + 1;
            }
        }
        return -1;
    }

    /** The index just past the value starting at {@code i}, or -1. */
    private static int endOfValue(String s, int i) {
        if (i >= s.length()) {
            return -1;
        }
        char first = s.charAt(i);
        if (first == '"') {
            return endOfString(s, i);
        }
        if (first == '{' || first == '[') {
            int depth = 0;
            for (int j = i; j < s.length(); j++) {
                char c = s.charAt(j);
                if (c == '"') {
                    j = endOfString(s, j);
                    if (j < 0) {
                        return -1;
                    }
                    j--;
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    depth--;
                    if (depth == 0) {
                        return j + 1;
                    }
                }
            }
            return -1;
        }
        int j = i;
        while (j < s.length() && s.charAt(j) != ',' && s.charAt(j) != '}' && s.charAt(j) != ' ' && s.charAt(j) != '\n'
                && s.charAt(j) != '\r' && s.charAt(j) != '\t') {
            j++;
        }
        return j == i ? -1 : j;
    }
}
