package dev.wxlogin.sandbox;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.wxlogin.wechat.SessionKey;
import dev.wxlogin.wechat.crypto.RawDataSignature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulated phone ({@code /sandbox/phone/...}): what a mini program gets from {@code wx.login()},
 * the user-info call, the getPhoneNumber buttons and other encrypted data, made with the user's
 * current session_key exactly as WeChat would.
 */
final class SimulatedPhoneEndpoints {

    /** The anonymous grey avatar that current WeChat versions hand out instead of the real one. */
    static final String ANONYMOUS_AVATAR =
            "https://thirdwx.qlogo.cn/mmopen/vi_32/POgEwh4mIHO4nibH0KlMECNjjGxQUq24ZEaGT4poC6icRiccVGKSyXwibcPq4BWmiaIGuG1icwxaQX6grC9VemZoJ8rg/132";

    private final RegisteredApps apps;
    private final SimulatedWeChatUsers users;
    private final Watermarks watermarks;
    private final WeChatDataEncryptor encryptor = new WeChatDataEncryptor();
    private final ObjectMapper json = JsonMapper.builder().build();

    SimulatedPhoneEndpoints(RegisteredApps apps, SimulatedWeChatUsers users, Watermarks watermarks) {
        this.apps = apps;
        this.users = users;
        this.watermarks = watermarks;
    }

    /** {@code POST /sandbox/phone/login}: a code plus encryptedData, iv, rawData and signature made with the new session_key. */
    SandboxReply login(JsonNode request) {
        SandboxApp app = apps.require(request);
        String user = SandboxExchange.requireText(request, "user");
        String code = users.login(app.appid(), user);
        SessionKey key = users.currentKey(app.appid(), user).orElseThrow();
        String openid = users.openid(app.appid(), user);
        Optional<String> unionid = users.unionid(app.appid(), user);

        Map<String, Object> profile = profile(request.path("profile"));
        Map<String, Object> userInfo = new LinkedHashMap<>();
        userInfo.put("openId", openid);
        userInfo.putAll(profile);
        unionid.ifPresent(u -> userInfo.put("unionId", u));
        userInfo.put("watermark", watermarks.of(app, request.path("tamper")));
        String rawData = json.writeValueAsString(profile);
        WeChatDataEncryptor.Encrypted encrypted = encryptor.encrypt(key, json.writeValueAsString(userInfo));

        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("code", code);
        reply.put("openid", openid);
        unionid.ifPresent(u -> reply.put("unionid", u));
        reply.put("encryptedData", encrypted.encryptedData());
        reply.put("iv", encrypted.iv());
        reply.put("rawData", rawData);
        reply.put("signature", RawDataSignature.sign(rawData, key));
        reply.put("userInfo", userInfo);
        return SandboxReply.json(200, reply);
    }

    /** {@code POST /sandbox/phone/encrypt}: any payload (run data, share info) encrypted with the user's current key. */
    SandboxReply encrypt(JsonNode request) {
        SandboxApp app = apps.require(request);
        String user = SandboxExchange.requireText(request, "user");
        JsonNode data = request.get("data");
        if (data == null || !data.isObject()) {
            throw new BadSandboxRequest("data must be a JSON object");
        }
        SessionKey key = users.currentKey(app.appid(), user)
                .orElseThrow(() -> new BadSandboxRequest("user " + user + " has not logged in to " + app.appid()));
        Map<String, Object> payload = new LinkedHashMap<>(json.convertValue(data, Map.class));
        payload.put("watermark", watermarks.of(app, request.path("tamper")));
        WeChatDataEncryptor.Encrypted encrypted = encryptor.encrypt(key, json.writeValueAsString(payload));
        return SandboxReply.json(200, Map.of("encryptedData", encrypted.encryptedData(), "iv", encrypted.iv()));
    }

    /** {@code POST /sandbox/phone/phonecode}: what the getPhoneNumber button gives, a single-use phone code. */
    SandboxReply phoneCode(JsonNode request) {
        SimulatedWeChatUsers.Phone phone = phoneOf(request);
        Map<String, Object> reply = phoneFields(phone);
        reply.put("code", users.issuePhoneCode(phone));
        return SandboxReply.json(200, reply);
    }

    /** {@code POST /sandbox/phone/phone-encrypted}: the legacy button's encryptedData/iv of the phone number. */
    SandboxReply phoneEncrypted(JsonNode request) {
        SimulatedWeChatUsers.Phone phone = phoneOf(request);
        SandboxApp app = apps.find(phone.appid());
        SessionKey key = users.currentKey(phone.appid(), phone.user())
                .orElseThrow(() -> new BadSandboxRequest("user " + phone.user() + " has not logged in to " + phone.appid()));
        Map<String, Object> payload = phoneFields(phone);
        payload.put("watermark", watermarks.of(app, request.path("tamper")));
        WeChatDataEncryptor.Encrypted encrypted = encryptor.encrypt(key, json.writeValueAsString(payload));
        Map<String, Object> reply = phoneFields(phone);
        reply.put("encryptedData", encrypted.encryptedData());
        reply.put("iv", encrypted.iv());
        return SandboxReply.json(200, reply);
    }

    /**
     * {@code POST /sandbox/phone/scan}: the phone's camera on a mini-program code, {@code image} (base64 PNG/JPEG)
     * or just its {@code scene} (and {@code page}): answers the {@code page} and {@code scene} the mini program would open.
     */
    SandboxReply scan(JsonNode request) {
        String image = request.path("image").asString(null);
        if (image != null) {
            byte[] bytes;
            try {
                bytes = Base64.getMimeDecoder().decode(image);
            } catch (IllegalArgumentException e) {
                throw new BadSandboxRequest("image must be base64");
            }
            try {
                return SandboxReply.json(200, MiniProgramCodes.asMap(MiniProgramCodes.read(bytes)));
            } catch (IllegalArgumentException e) {
                throw new BadSandboxRequest(e.getMessage());
            }
        }
        String scene = SandboxExchange.requireText(request, "scene");
        String page = request.path("page").asString("pages/web-login/confirm");
        return SandboxReply.json(200, MiniProgramCodes.asMap(new MiniProgramCodes.Scanned(page, scene)));
    }

    /** The user's phone: the number the request names, or the user's stable default. */
    private SimulatedWeChatUsers.Phone phoneOf(JsonNode request) {
        SandboxApp app = apps.require(request);
        String user = SandboxExchange.requireText(request, "user");
        String number = request.path("phoneNumber").asString(SimulatedWeChatUsers.defaultPhoneNumber(user));
        String countryCode = request.path("countryCode").asString("86");
        if (!number.matches("[0-9]{5,15}") || !countryCode.matches("[1-9][0-9]{0,3}")) {
            throw new BadSandboxRequest("phoneNumber must be 5 to 15 digits without country code, countryCode 1 to 4 digits");
        }
        return new SimulatedWeChatUsers.Phone(app.appid(), user, number, countryCode);
    }

    /** The fields WeChat's legacy phone payload has (country code as text there). */
    private static Map<String, Object> phoneFields(SimulatedWeChatUsers.Phone phone) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("phoneNumber", phone.phoneNumber());
        fields.put("purePhoneNumber", phone.purePhoneNumber());
        fields.put("countryCode", phone.countryCode());
        return fields;
    }

    /** The profile fields WeChat shows; by default the anonymous ones current WeChat gives. */
    private static Map<String, Object> profile(JsonNode given) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("nickName", given.path("nickName").asString("微信用户"));
        profile.put("gender", given.path("gender").asInt(0));
        profile.put("language", given.path("language").asString(""));
        profile.put("city", given.path("city").asString(""));
        profile.put("province", given.path("province").asString(""));
        profile.put("country", given.path("country").asString(""));
        profile.put("avatarUrl", given.path("avatarUrl").asString(ANONYMOUS_AVATAR));
        return profile;
    }
}
