package dev.wxlogin.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Function;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.DatabaseMatrix;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.server.user.UserStore;
import tools.jackson.databind.JsonNode;

/**
 * The byte-by-byte probe of a CBC padding oracle, replayed on every endpoint that decrypts what a
 * client sends: the first ciphertext block alone, with the last byte of the iv run through all 256
 * values. One of them makes the padding valid (and the plaintext a cut-off JSON text); an endpoint
 * that answered that one differently would reveal a plaintext byte, and let a user forge
 * "verified" data. Every probe must get the same answer.
 *
 * <p>At login each probe costs a new code, so there the probe is the one value known to make the
 * padding valid (the user info starts with {@code {"openId":"<openid>}, so its 16th byte is known)
 * beside a few that do not.
 */
@DatabaseMatrix
@ServiceTest
class DecryptionOracleTest {

    @Autowired
    UserStore users;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;
    @Fixture LoggedIn kim;

    @Test
    void decryptAnswersEveryPaddingProbeAlike() throws Exception {
        JsonNode encrypted = phone.encrypt(appid, kim.user(), Map.of("shareTicket", "ticket-of-kim"));

        String data = encrypted.get("encryptedData").asString();
        String iv = encrypted.get("iv").asString();
        assertThat(paddingValidProbes(data, iv)).isNotEmpty();

        Set<String> answers = probe(data, iv,
                (forgedData, forgedIv) -> client.postJson("/api/v1/wx/decrypt", Map.of("encryptedData", forgedData, "iv", forgedIv), kim.accessToken()));

        assertThat(answers).containsExactly("400 DATA_DECRYPT_FAILED");
    }

    @Test
    void legacyPhoneBindingAnswersEveryPaddingProbeAlike() throws Exception {
        SandboxPhone.EncryptedPhone encrypted = phone.encryptedPhone(appid, kim.user());

        assertThat(paddingValidProbes(encrypted.encryptedData(), encrypted.iv())).isNotEmpty();

        Set<String> answers = probe(encrypted.encryptedData(), encrypted.iv(),
                (data, iv) -> client.postJson("/api/v1/me/phone", Map.of("encryptedData", data, "iv", iv), kim.accessToken()));

        assertThat(answers).containsExactly("400 DATA_DECRYPT_FAILED");
        assertThat(client.get("/api/v1/me/phone", kim.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void legacyPhoneBindingOfDataThatIsNoPhoneNumberAnswersAsAnyOtherFailure() {
        JsonNode notAPhone = phone.encrypt(appid, kim.user(), Map.of("shareTicket", "t"));

        Response response = client.postJson("/api/v1/me/phone", Map.of("encryptedData", notAPhone.get("encryptedData").asString(),
                "iv", notAPhone.get("iv").asString()), kim.accessToken());

        assertThat(answer(response)).isEqualTo("400 DATA_DECRYPT_FAILED");
    }

    @Test
    void loginAnswersEveryPaddingProbeAndEveryWatermarkFailureAlike() {
        String user = TestUsers.unique("oracle-lee");
        Set<String> answers = probe(user, login -> client.postJson("/api/v1/login",
                Map.of("code", login.code(), "encryptedData", login.encryptedData(), "iv", login.iv())));
        answers.add(answer(client.postJson("/api/v1/login", forgedWatermarkLogin(user, Map.of("watermarkAppid", "wxattacker00000000")))));
        answers.add(answer(client.postJson("/api/v1/login", forgedWatermarkLogin(user, Map.of("watermarkAgeSeconds", 3600)))));

        assertThat(answers).containsExactly("400 DATA_DECRYPT_FAILED");
    }

    @Test
    void legacyLoginAnswersEveryPaddingProbeAlikeInItsOwnShape() {
        String user = TestUsers.unique("oracle-mo");
        Set<String> answers = probe(user, login -> client.postJson("/user/wxlogin",
                Map.of("platCode", login.code(), "platUserInfoMap", Map.of("encryptedData", login.encryptedData(), "iv", login.iv()))));

        assertThat(answers).containsExactly("400 400 DATA_DECRYPT_FAILED");
    }

    /** The 256 probes against data encrypted with kim's stored session_key, four at a time; the distinct answers. */
    private static Set<String> probe(String encryptedData, String iv, BiFunction<String, String, Response> send) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int value = 0; value < 256; value++) {
                List<String> forged = firstBlockWithIvByte(encryptedData, iv, value);
                answers.add(pool.submit(() -> answer(send.apply(forged.get(0), forged.get(1)))));
            }
            Set<String> distinct = new LinkedHashSet<>();
            for (Future<String> answer : answers) {
                distinct.add(answer.get());
            }
            return distinct;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Which of the 256 probes have valid padding under kim's key: the probe must contain the oracle's case. */
    private List<Integer> paddingValidProbes(String encryptedData, String iv) throws GeneralSecurityException {
        byte[] key = Base64.getDecoder().decode(users.sessionKey(kim.userId()).orElseThrow().base64());
        List<Integer> valid = new ArrayList<>();
        for (int value = 0; value < 256; value++) {
            List<String> forged = firstBlockWithIvByte(encryptedData, iv, value);
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(Base64.getDecoder().decode(forged.get(1))));
            try {
                cipher.doFinal(Base64.getDecoder().decode(forged.get(0)));
                valid.add(value);
            } catch (BadPaddingException expected) {
                // the common case
            }
        }
        return valid;
    }

    /**
     * Probes at login, each with a new code (and so a new session_key) of the same user: the value
     * that turns the 16th plaintext byte into the padding byte 0x01, and values that do not.
     */
    private Set<String> probe(String user, Function<SandboxPhone.Login, Response> send) {
        String knownPrefix = "{\"openId\":\"" + phone.login(appid, user).openid();
        int paddingValid = knownPrefix.charAt(15) ^ 0x01;
        Set<String> answers = new LinkedHashSet<>();
        for (int value : new int[] {paddingValid, 0x00, 0x02, 0x10, 0x7F, 0x80, 0xFF}) {
            SandboxPhone.Login login = phone.login(appid, user);
            List<String> forged = firstBlockWithIvByte(login.encryptedData(), login.iv(), value);
            answers.add(answer(send.apply(new SandboxPhone.Login(login.code(), login.openid(), login.unionid(), forged.get(0),
                    forged.get(1), login.rawData(), login.signature(), login.userInfo()))));
        }
        return answers;
    }

    private Map<String, String> forgedWatermarkLogin(String user, Map<String, ?> tamper) {
        SandboxPhone.Login login = phone.login(appid, user, Map.of(), tamper);
        return Map.of("code", login.code(), "encryptedData", login.encryptedData(), "iv", login.iv());
    }

    /** encryptedData cut to its first block, and the iv with its last byte XORed with {@code value}. */
    private static List<String> firstBlockWithIvByte(String encryptedData, String iv, int value) {
        byte[] ciphertext = Base64.getDecoder().decode(encryptedData);
        byte[] ivBytes = Base64.getDecoder().decode(iv);
        ivBytes[15] ^= (byte) value;
        return List.of(Base64.getEncoder().encodeToString(Arrays.copyOf(ciphertext, 16)),
                Base64.getEncoder().encodeToString(ivBytes));
    }

    /** Status and code, in whichever of the two error shapes the endpoint speaks, and the whole message. */
    private static String answer(Response response) {
        JsonNode json = response.json();
        if (json != null && json.has("error")) {
            return response.status() + " " + json.get("code").asInt() + " " + json.get("error").asString();
        }
        String code = json == null ? response.raw() : json.path("code").asString();
        return response.status() + " " + code;
    }
}
