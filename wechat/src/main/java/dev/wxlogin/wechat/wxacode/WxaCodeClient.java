package dev.wxlogin.wechat.wxacode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.wxlogin.wechat.WeChatApp;
import dev.wxlogin.wechat.api.WeChatApiException;
import dev.wxlogin.wechat.api.WeChatRequest;
import dev.wxlogin.wechat.api.WeChatUnavailableException;
import dev.wxlogin.wechat.token.TokenAuthorizedTransport;

/**
 * Makes mini-program codes with {@code POST /wxa/getwxacodeunlimit}: unlimited in number, each
 * opening {@code page} with {@code scene} as {@code options.scene}. WeChat answers the image on
 * success and a JSON errcode on failure. Not retried on busy: the caller decides (and should cache
 * the image per scene, as WeChat rate-limits this call).
 */
public final class WxaCodeClient {

    static final String PATH = "/wxa/getwxacodeunlimit";
    /** WeChat's limit on a scene: 32 visible ASCII characters. */
    public static final int MAX_SCENE_LENGTH = 32;

    private final TokenAuthorizedTransport calls;

    public WxaCodeClient(TokenAuthorizedTransport calls) {
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    /**
     * A code for {@code page} of the released version, without checking that the page is published
     * (so that it also works before the first release).
     *
     * @param page  e.g. {@code pages/web-login/confirm} (no leading slash)
     * @param scene 1 to 32 visible ASCII characters
     * @param width the image's width in pixels (WeChat: 280 to 1280)
     * @return the image (PNG or JPEG) as WeChat sent it
     * @throws IllegalArgumentException   scene or page malformed (never sent)
     * @throws WeChatApiException         e.g. 41030 page not found, 40169 bad scene, 45009 quota
     * @throws WeChatUnavailableException WeChat could not be reached or answered nonsense
     */
    public byte[] unlimited(WeChatApp app, String page, String scene, int width) {
        Objects.requireNonNull(app, "app");
        if (scene == null || scene.isEmpty() || scene.length() > MAX_SCENE_LENGTH
                || !scene.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("a scene must be 1 to " + MAX_SCENE_LENGTH + " visible ASCII characters");
        }
        if (page == null || page.isEmpty() || page.startsWith("/")) {
            throw new IllegalArgumentException("page must be a path without a leading slash");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scene", scene);
        body.put("page", page);
        body.put("check_path", false);
        body.put("width", width);
        return calls.sendForImage(app, WeChatRequest.postJson(PATH, Map.of(), body, false));
    }
}
