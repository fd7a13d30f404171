package dev.wxlogin.alipay.sign;

import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The string an OpenAPI request's signature covers, by Alipay's rule (alipay-sdk-java's
 * {@code AlipaySignature.getSignContent}): every parameter but {@code sign} itself, those with an empty
 * value left out, sorted by name in ascending code-point order, joined as {@code name=value} with
 * {@code &}, values raw (not URL-encoded). {@code sign_type} is covered in requests.
 */
public final class SignContent {

    private SignContent() {
    }

    /** The content for the given request parameters. */
    public static String of(Map<String, String> parameters) {
        StringJoiner content = new StringJoiner("&");
        for (Map.Entry<String, String> p : new TreeMap<>(parameters).entrySet()) {
            String name = p.getKey();
            String value = p.getValue();
            if ("sign".equals(name) || name.isEmpty() || value == null || value.isEmpty()) {
                continue;
            }
            content.add(name + "=" + value);
        }
        return content.toString();
    }
}
