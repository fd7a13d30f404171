package dev.wxlogin.sandbox;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * WeChat's {@code POST /wxa/getwxacodeunlimit}: a mini-program code as WeChat answers it, the image itself
 * on success (a QR code standing in for the round code, see {@link MiniProgramCodes}), a JSON errcode otherwise.
 */
final class WxaCodeApi {

    static final String GET_WXA_CODE_UNLIMIT = "getwxacodeunlimit";
    /** WeChat's limit on a code's scene: 32 visible characters. */
    private static final int MAX_SCENE_LENGTH = 32;
    /** WeChat's limit on a page path. */
    private static final int MAX_PAGE_LENGTH = 128;

    private final AccessTokenApi tokens;

    WxaCodeApi(AccessTokenApi tokens) {
        this.tokens = tokens;
    }

    SandboxReply getWxaCodeUnlimit(Map<String, String> query, byte[] rawBody) {
        AccessTokenApi.Authorized authorized = tokens.authorize(query);
        if (authorized.refusal() != null) {
            return SandboxReply.weChat(authorized.refusal());
        }
        JsonNode request = AccessTokenApi.weChatJson(rawBody);
        if (request == null) {
            return SandboxReply.weChat(SandboxReply.errcode(47001, "data format error"));
        }
        String scene = request.path("scene").asString("");
        if (scene.isEmpty() || scene.length() > MAX_SCENE_LENGTH || !scene.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return SandboxReply.weChat(SandboxReply.errcode(40169, "invalid length for scene, or the data is not json string"));
        }
        String page = request.path("page").asString("");
        if (page.startsWith("/") || page.length() > MAX_PAGE_LENGTH) {
            return SandboxReply.weChat(SandboxReply.errcode(41030, "invalid page"));
        }
        int width = Math.max(280, Math.min(1280, request.path("width").asInt(430)));
        // WeChat labels its codes image/jpeg whatever their bytes; the service goes by the bytes.
        return new SandboxReply(200, "image/jpeg",
                MiniProgramCodes.draw(page.isEmpty() ? "pages/index/index" : page, scene, width));
    }
}
