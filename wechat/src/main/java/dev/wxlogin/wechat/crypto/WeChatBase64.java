package dev.wxlogin.wechat.crypto;

import java.util.Base64;

/** Strict base64 as WeChat writes it, forgiving only the one corruption clients commonly cause. */
final class WeChatBase64 {

    private WeChatBase64() {
    }

    /**
     * Decodes standard base64. A space is never valid base64, and a client that forgot to
     * URL-encode turns every {@code +} into one, so spaces are read as {@code +}.
     *
     * @return the bytes, or {@code null} when the text is not base64
     */
    static byte[] decode(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(text.replace(' ', '+'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
