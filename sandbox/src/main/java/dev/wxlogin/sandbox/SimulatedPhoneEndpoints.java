package dev.wxlogin.sandbox;

import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.wxlogin.wechat.SessionKey;
import dev.wxlogin.wechat.crypto.RawDataSignature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulated phone ({@code /sandbox/phone/...}): what a mini program gets from {@code wx.login()}
 * (or Douyin's {@code tt.login()}, QQ's {@code qq.login()}), the user-info call, the getPhoneNumber
 * buttons and other encrypted data, made with the user's current session_key exactly as the platform
 * would. The endpoints other than login take any registered app by its {@code appid}.
 */
final class SimulatedPhoneEndpoints {

    /** The anonymous grey avatar that current WeChat versions hand out instead of the real one. */
    static final String ANONYMOUS_AVATAR =
            "https://thirdwx.qlogo.cn/mmopen/vi_32/POgEwh4mIHO4nibH0KlMECNjjGxQUq24ZEaGT4poC6icRiccVGKSyXwibcPq4BWmiaIGuG1icwxaQX6grC9VemZoJ8rg/132";

    /** The sandbox's stand-in for the avatar Douyin gives a user without one. */
    static final String DOUYIN_DEFAULT_AVATAR = "https://p3.douyinpic.com/aweme/100x100/sandbox-default-avatar.jpeg";
    /** The sandbox's stand-in for the avatar QQ gives a user without one. */
    static final String QQ_DEFAULT_AVATAR = "https://thirdqq.qlogo.cn/g?b=oidb&k=sandbox&s=100";

    private final RegisteredApps apps;
    private final SimulatedWeChatUsers users;
    private final Watermarks watermarks;
    private final WeChatDataEncryptor encryptor = new WeChatDataEncryptor();
    private final ObjectMapper json = JsonMapper.builder().build();
    private final Map<SandboxPlatform, PhoneLogin> logins = new EnumMap<>(SandboxPlatform.class);

    SimulatedPhoneEndpoints(RegisteredApps apps, SimulatedWeChatUsers users, Watermarks watermarks) {
        this.apps = apps;
        this.users = users;
        this.watermarks = watermarks;
        logins.put(SandboxPlatform.WECHAT, this::weChatShapedLogin);
        logins.put(SandboxPlatform.QQ, this::weChatShapedLogin);
        logins.put(SandboxPlatform.DOUYIN, this::douyinLogin);
    }

    /**
     * One platform's {@code POST /sandbox/phone/login}: what its login call (and user-info call) give the
     * page. Reads its own app from the request ({@code appid}, else the platform's demo app), since a
     * platform's apps may not be {@link SandboxApp}s at all (Alipay's have key pairs).
     */
    @FunctionalInterface
    interface PhoneLogin {
        SandboxReply login(JsonNode request);
    }

    /**
     * {@code POST /sandbox/phone/login}: {@code "platform"} ({@code wechat} when absent) chooses the
     * platform's phone; an unknown platform, or one this sandbox does not serve, is a 400.
     */
    SandboxReply login(JsonNode request) {
        SandboxPlatform platform = RegisteredApps.platformOf(request);
        PhoneLogin login = logins.get(platform);
        if (login == null) {
            throw new BadSandboxRequest("platform " + platform.wireName() + " is not served by this sandbox");
        }
        return login.login(request);
    }

    /**
     * Serves a platform's phone at {@code POST /sandbox/phone/login}: the extension point by which a
     * platform's sandbox (Alipay's) plugs its phone in, from {@link SandboxWeChat}'s constructor.
     */
    void servePlatform(SandboxPlatform platform, PhoneLogin login) {
        logins.put(platform, login);
    }

    /**
     * WeChat's {@code wx.login()} and QQ's {@code qq.login()} with the user-info call: a code plus
     * encryptedData, iv, rawData and signature made with the new session_key (the two platforms share
     * WeChat's shapes).
     */
    private SandboxReply weChatShapedLogin(JsonNode request) {
        SandboxApp app = apps.require(request);
        String user = SandboxExchange.requireText(request, "user");
        String code = users.login(app.appid(), user);
        SessionKey key = users.currentKey(app.appid(), user).orElseThrow();
        String openid = users.openid(app.appid(), user);
        Optional<String> unionid = users.unionid(app.appid(), user);

        Map<String, Object> profile = profile(app.platform(), request.path("profile"));
        Map<String, Object> userInfo = new LinkedHashMap<>();
        userInfo.put("openId", openid);
        userInfo.putAll(profile);
        unionid.ifPresent(u -> userInfo.put("unionId", u));
        userInfo.put("watermark", watermarks.of(app, request.path("tamper")));

        Map<String, Object> reply = answerHeader(app);
        reply.put("code", code);
        reply.put("openid", openid);
        unionid.ifPresent(u -> reply.put("unionid", u));
        putUserInfo(reply, key, profile, userInfo);
        return SandboxReply.json(200, reply);
    }

    /**
     * Douyin's {@code tt.login()}: an {@code anonymousCode} for the device ({@code "device"}, else the
     * user's own phone) always, and, unless {@code "hostLoggedIn": false} (the user is not logged in
     * to the Douyin app), a code with the {@code tt.getUserProfile} data made with the new session_key.
     * Douyin's encrypted profile carries neither openId nor unionId.
     */
    private SandboxReply douyinLogin(JsonNode request) {
        SandboxApp app = apps.require(request);
        String user = SandboxExchange.requireText(request, "user");
        String device = request.hasNonNull("device") ? SandboxExchange.requireText(request, "device") : "phone-of-" + user;
        boolean hostLoggedIn = request.path("hostLoggedIn").asBoolean(true);

        Map<String, Object> reply = answerHeader(app);
        reply.put("anonymousCode", users.anonymousLogin(app.appid(), device));
        reply.put("anonymousOpenid", users.anonymousOpenid(app.appid(), device));
        if (!hostLoggedIn) {
            return SandboxReply.json(200, reply);
        }
        String code = users.login(app.appid(), user);
        SessionKey key = users.currentKey(app.appid(), user).orElseThrow();
        reply.put("code", code);
        reply.put("openid", users.openid(app.appid(), user));
        users.unionid(app.appid(), user).ifPresent(u -> reply.put("unionid", u));

        Map<String, Object> profile = profile(app.platform(), request.path("profile"));
        Map<String, Object> userInfo = new LinkedHashMap<>(profile);
        userInfo.put("watermark", watermarks.of(app, request.path("tamper")));
        putUserInfo(reply, key, profile, userInfo);
        return SandboxReply.json(200, reply);
    }

    /** What every platform's answer starts with: which platform and app the codes are for. */
    private static Map<String, Object> answerHeader(SandboxApp app) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("platform", app.platform().wireName());
        reply.put("appid", app.appid());
        return reply;
    }

    /** The user-info call's values: encryptedData/iv of {@code userInfo}, and rawData with its sha1 signature. */
    private void putUserInfo(Map<String, Object> reply, SessionKey key, Map<String, Object> profile, Map<String, Object> userInfo) {
        String rawData = json.writeValueAsString(profile);
        WeChatDataEncryptor.Encrypted encrypted = encryptor.encrypt(key, json.writeValueAsString(userInfo));
        reply.put("encryptedData", encrypted.encryptedData());
        reply.put("iv", encrypted.iv());
        reply.put("rawData", rawData);
        reply.put("signature", RawDataSignature.sign(rawData, key));
        reply.put("userInfo", userInfo);
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
        SandboxApp app = apps.byAppid().get(phone.appid());
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

    /**
     * The profile fields the platform shows; by default the anonymous ones it gives (current WeChat's
     * grey avatar and 微信用户; placeholders standing for Douyin's and QQ's defaults).
     */
    private static Map<String, Object> profile(SandboxPlatform platform, JsonNode given) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("nickName", given.path("nickName").asString(switch (platform) {
            case DOUYIN -> "抖音用户";
            case QQ -> "QQ用户";
            default -> "微信用户";
        }));
        profile.put("gender", given.path("gender").asInt(0));
        profile.put("language", given.path("language").asString(""));
        profile.put("city", given.path("city").asString(""));
        profile.put("province", given.path("province").asString(""));
        profile.put("country", given.path("country").asString(""));
        profile.put("avatarUrl", given.path("avatarUrl").asString(switch (platform) {
            case DOUYIN -> DOUYIN_DEFAULT_AVATAR;
            case QQ -> QQ_DEFAULT_AVATAR;
            default -> ANONYMOUS_AVATAR;
        }));
        return profile;
    }
}
