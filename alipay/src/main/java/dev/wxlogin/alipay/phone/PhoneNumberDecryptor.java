package dev.wxlogin.alipay.phone;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import dev.wxlogin.alipay.AlipayApp;
import dev.wxlogin.alipay.gateway.AlipayError;
import dev.wxlogin.alipay.keys.ContentKey;
import dev.wxlogin.alipay.phone.AlipayPhoneException.Reason;
import dev.wxlogin.alipay.sign.Rsa2Signature;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what {@code my.getPhoneNumber} gave the page ({@code res.response}, a JSON string):
 * {@code {"response": "<base64 AES ciphertext>", "sign": "...", "sign_type": "RSA2", "encrypt_type": "AES",
 * "charset": "UTF-8"}}. Verify first, then decrypt, as Alipay's own sample does: the signature covers the
 * ciphertext <em>with the quotes around it</em> (or the plaintext JSON, when the app set no content key and
 * Alipay answered in clear); the content key decrypts AES/CBC/PKCS5Padding with a zero IV; the plaintext is
 * {@code {"code": "10000", "msg": "Success", "mobile": "..."}} or an error with {@code subCode}.
 * Thread-safe.
 */
public final class PhoneNumberDecryptor {

    /** Generous for an answer of a few hundred bytes. */
    private static final int MAX_INPUT_CHARS = 16 * 1024;
    private final ObjectMapper json = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /**
     * The phone number in {@code response}, verified with the app's Alipay public key and decrypted with its
     * content key.
     *
     * @throws AlipayPhoneException with the precise reason; Alipay's own error as {@link Reason#REFUSED}
     */
    public AlipayPhoneNumber decrypt(AlipayApp app, String response) {
        JsonNode envelope = object(response, "my.getPhoneNumber's response is not a JSON object");
        String content = text(envelope, "response");
        if (content == null || content.isEmpty()) {
            throw new AlipayPhoneException(Reason.MALFORMED, "my.getPhoneNumber's response has no response member");
        }
        expect(envelope, "sign_type", Rsa2Signature.SIGN_TYPE);
        expect(envelope, "encrypt_type", "AES");
        expect(envelope, "charset", "UTF-8");
        String sign = text(envelope, "sign");
        if (sign == null || sign.isEmpty()) {
            throw new AlipayPhoneException(Reason.UNSIGNED, "the phone number for app " + app.appId()
                    + " is not signed; set the app's signing method (接口加签方式) and gateway on Alipay's console");
        }
        boolean encrypted = !content.startsWith("{");
        String signed = encrypted ? "\"" + content + "\"" : content;
        if (!Rsa2Signature.verify(signed, sign, app.alipayPublicKey())) {
            throw new AlipayPhoneException(Reason.SIGNATURE_INVALID,
                    "the phone number's signature does not verify with app " + app.appId() + "'s Alipay public key");
        }
        String plaintext = encrypted ? decipher(app, content) : content;
        return phoneNumber(object(plaintext, "the decrypted phone number is not a JSON object"));
    }

    private static String decipher(AlipayApp app, String content) {
        ContentKey key = app.contentKey().orElseThrow(() -> new AlipayPhoneException(Reason.CONTENT_KEY_NOT_CONFIGURED,
                "the phone number is encrypted and app " + app.appId() + " has no content key configured"));
        byte[] ciphertext;
        try {
            ciphertext = Base64.getDecoder().decode(content);
        } catch (IllegalArgumentException e) {
            throw new AlipayPhoneException(Reason.MALFORMED, "the phone number's ciphertext is not base64");
        }
        byte[] plain = key.decrypt(ciphertext).orElseThrow(() -> new AlipayPhoneException(Reason.DECRYPTION_FAILED,
                "the phone number does not decrypt with app " + app.appId() + "'s content key; is it the console's current key?"));
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plain)).toString();
        } catch (CharacterCodingException e) {
            // Padding checks out by chance about once in 256 wrong keys; the bytes then are noise.
            throw new AlipayPhoneException(Reason.DECRYPTION_FAILED,
                    "the phone number does not decrypt with app " + app.appId() + "'s content key; is it the console's current key?");
        }
    }

    private static AlipayPhoneNumber phoneNumber(JsonNode answer) {
        String code = text(answer, "code");
        if (code != null && !"10000".equals(code)) {
            String subCode = text(answer, "subCode") != null ? text(answer, "subCode") : text(answer, "sub_code");
            AlipayError error = AlipayError.of(code, subCode);
            throw new AlipayPhoneException(error, "Alipay refused the phone number: " + code
                    + (subCode == null ? "" : " (" + subCode + ")"));
        }
        String mobile = text(answer, "mobile");
        if (code == null || mobile == null || !mobile.matches("\\+?[0-9]{5,20}")) {
            throw new AlipayPhoneException(Reason.NOT_A_PHONE_NUMBER, "Alipay's answer carries no mobile number");
        }
        return new AlipayPhoneNumber(mobile);
    }

    private JsonNode object(String text, String problem) {
        if (text == null || text.length() > MAX_INPUT_CHARS) {
            throw new AlipayPhoneException(Reason.MALFORMED, problem);
        }
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                throw new AlipayPhoneException(Reason.MALFORMED, problem);
            }
            return node;
        } catch (JacksonException e) {
            // Not chained: the parser's message quotes the input.
            throw new AlipayPhoneException(Reason.MALFORMED, problem);
        }
    }

    private static void expect(JsonNode envelope, String field, String expected) {
        String value = text(envelope, field);
        if (value != null && !value.toUpperCase(Locale.ROOT).replace("-", "").equals(expected.replace("-", ""))) {
            throw new AlipayPhoneException(Reason.UNSUPPORTED_ALGORITHM,
                    "the phone number's " + field + " is " + value + "; only " + expected + " is supported");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainer()) {
            return null;
        }
        return value.isString() ? value.stringValue() : value.toString();
    }
}
