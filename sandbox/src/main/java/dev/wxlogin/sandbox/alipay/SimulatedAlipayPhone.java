package dev.wxlogin.sandbox.alipay;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import dev.wxlogin.alipay.keys.ContentKey;
import dev.wxlogin.alipay.sign.Rsa2Signature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulated Alipay app on the phone: what a mini program's page gets from {@code my.getAuthCode} and
 * {@code my.getPhoneNumber}, made exactly as Alipay makes it. Thread-safe.
 */
public final class SimulatedAlipayPhone {

    /** How {@link #getPhoneNumber} should go wrong, to test what a server does with it. */
    public enum PhoneNumberFault {
        /** Nothing: a correct, signed, encrypted number. */
        NONE,
        /** One byte of the ciphertext changed after signing. */
        TAMPERED_CIPHERTEXT,
        /** The signature made with a key that is not the sandbox Alipay's. */
        FOREIGN_SIGNATURE,
        /** No signature, as when the app set no signing method on the console. */
        UNSIGNED,
        /** Encrypted with a content key that is not the app's (as after the key was regenerated), correctly signed. */
        OTHER_CONTENT_KEY,
        /** The user did not authorise: Alipay's encrypted {@code 40003 isv.invalid-auth-relations}. */
        NOT_AUTHORIZED
    }

    /**
     * What {@code my.getAuthCode} passes to {@code success}.
     *
     * @param authCode          the single-use auth code
     * @param authSuccessScopes the scopes granted
     */
    public record PageAuthCode(String authCode, List<String> authSuccessScopes) {

        /** As the page sees it: {@code {authCode, authErrorScopes, authSuccessScopes}}. */
        public Map<String, Object> toPage() {
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("authCode", authCode);
            page.put("authErrorScopes", Map.of());
            page.put("authSuccessScopes", authSuccessScopes);
            return page;
        }
    }

    /**
     * What {@code my.getPhoneNumber} passes to {@code success}: {@code res.response}, a JSON string the
     * page forwards to its server as is.
     */
    public record PagePhoneNumber(String response) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Function<String, SandboxAlipayApp> apps;
    private final SimulatedAlipayUsers users;
    private final PrivateKey alipayPrivateKey;
    private final String defaultAppId;

    SimulatedAlipayPhone(Function<String, SandboxAlipayApp> apps, SimulatedAlipayUsers users, PrivateKey alipayPrivateKey,
                         String defaultAppId) {
        this.apps = apps;
        this.users = users;
        this.alipayPrivateKey = alipayPrivateKey;
        this.defaultAppId = defaultAppId;
    }

    /**
     * {@code my.getAuthCode({scopes: 'auth_base'})} for {@code user} in the app: silent, no prompt.
     *
     * @throws IllegalArgumentException the sandbox does not know the app, or the user name is blank
     */
    public PageAuthCode getAuthCode(String appId, String user) {
        SandboxAlipayApp app = require(appId);
        return new PageAuthCode(users.issueCode(app.appId(), requireUser(user)), List.of("auth_base"));
    }

    /**
     * {@code my.getPhoneNumber} after the user tapped the authorisation button: the user's {@code mobile},
     * encrypted with the app's content key and signed with the sandbox Alipay key, or the given fault.
     *
     * @throws IllegalArgumentException unknown app, blank user, or a mobile that is not digits
     */
    public PagePhoneNumber getPhoneNumber(String appId, String user, String mobile, PhoneNumberFault fault) {
        SandboxAlipayApp app = require(appId);
        requireUser(user);
        Objects.requireNonNull(fault, "fault");
        if (mobile == null || !mobile.matches("[0-9]{5,20}")) {
            throw new IllegalArgumentException("mobile must be 5 to 20 digits");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        if (fault == PhoneNumberFault.NOT_AUTHORIZED) {
            answer.put("code", "40003");
            answer.put("msg", "Insufficient Conditions");
            answer.put("subCode", "isv.invalid-auth-relations");
            answer.put("subMsg", "无效的授权关系");
        } else {
            answer.put("code", "10000");
            answer.put("msg", "Success");
            answer.put("mobile", mobile);
        }
        ContentKey key = fault == PhoneNumberFault.OTHER_CONTENT_KEY ? otherKey() : app.contentKey();
        byte[] ciphertext = key.encrypt(JSON.writeValueAsString(answer).getBytes(StandardCharsets.UTF_8));
        String encrypted = Base64.getEncoder().encodeToString(ciphertext);
        PrivateKey signer = fault == PhoneNumberFault.FOREIGN_SIGNATURE ? RsaKeyPairs.generate().getPrivate() : alipayPrivateKey;
        // Alipay signs the ciphertext as the JSON string it is, quotes included.
        String sign = Rsa2Signature.sign("\"" + encrypted + "\"", signer);
        if (fault == PhoneNumberFault.TAMPERED_CIPHERTEXT) {
            ciphertext[ciphertext.length / 2] ^= 0x01;
            encrypted = Base64.getEncoder().encodeToString(ciphertext);
        }
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("response", encrypted);
        if (fault != PhoneNumberFault.UNSIGNED) {
            envelope.put("sign", sign);
        }
        envelope.put("sign_type", Rsa2Signature.SIGN_TYPE);
        envelope.put("encrypt_type", "AES");
        envelope.put("charset", "UTF-8");
        return new PagePhoneNumber(JSON.writeValueAsString(envelope));
    }

    /**
     * The simulated phone's login for Alipay, as {@code POST /sandbox/phone/login} with
     * {@code "platform": "alipay"} answers: {@code my.getAuthCode}'s result, and beside it the app's
     * {@code appid} and the auth code again as {@code code}, as every platform's answer has them.
     *
     * @param appId the app, or null for the sandbox's demo app
     * @param user  the simulated user's name, e.g. {@code alice}
     * @throws IllegalArgumentException unknown app or blank user
     */
    public Map<String, Object> login(String appId, String user) {
        SandboxAlipayApp app = require(appId);
        PageAuthCode auth = getAuthCode(app.appId(), user);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("platform", "alipay");
        reply.put("appid", app.appId());
        reply.put("code", auth.authCode());
        reply.putAll(auth.toPage());
        if (app.openIdMode()) {
            reply.put("openid", users.openId(app.appId(), user));
        } else {
            reply.put("user_id", users.userId(user));
        }
        return reply;
    }

    private SandboxAlipayApp require(String appId) {
        String id = appId == null ? defaultAppId : appId;
        SandboxAlipayApp app = apps.apply(id);
        if (app == null) {
            throw new IllegalArgumentException("the sandbox Alipay knows no app " + id);
        }
        return app;
    }

    private static String requireUser(String user) {
        if (user == null || user.isBlank() || user.length() > 200) {
            throw new IllegalArgumentException("user must be a non-blank name of at most 200 characters");
        }
        return user;
    }

    private static ContentKey otherKey() {
        byte[] raw = new byte[16];
        new java.security.SecureRandom().nextBytes(raw);
        return ContentKey.fromBase64(Base64.getEncoder().encodeToString(raw));
    }
}
