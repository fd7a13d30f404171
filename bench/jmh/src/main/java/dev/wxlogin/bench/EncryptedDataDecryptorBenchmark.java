package dev.wxlogin.bench;

import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.wxlogin.wechat.SessionKey;
import dev.wxlogin.wechat.crypto.DecryptedData;
import dev.wxlogin.wechat.crypto.EncryptedDataDecryptor;
import dev.wxlogin.wechat.crypto.WatermarkPolicy;

/**
 * The decryption step of every login with user info: {@link EncryptedDataDecryptor#decrypt} on
 * WeChat's official sample (base64, AES-128-CBC, strict UTF-8, strict JSON parse, watermark check).
 * {@code aesOnly} is the bare JCE cipher on the same bytes, to show what the checks around it cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EncryptedDataDecryptorBenchmark {

    /** maxAge ZERO checks the appid only, so the 2016 sample's watermark passes. */
    private final EncryptedDataDecryptor decryptor = new EncryptedDataDecryptor(WatermarkPolicy.of(Duration.ZERO));
    private final SessionKey sessionKey = SessionKey.of(OfficialSamples.SESSION_KEY);
    private byte[] key;
    private byte[] iv;
    private byte[] ciphertext;

    @Setup
    public void check() {
        DecryptedData data = decrypt();
        if (!OfficialSamples.EXPECTED_OPENID.equals(data.payload().get("openId").asString())) {
            throw new IllegalStateException("the official sample did not decrypt to its known openId");
        }
        key = Base64.getDecoder().decode(OfficialSamples.SESSION_KEY);
        iv = Base64.getDecoder().decode(OfficialSamples.IV);
        ciphertext = Base64.getDecoder().decode(OfficialSamples.ENCRYPTED_DATA);
    }

    @Benchmark
    public DecryptedData decrypt() {
        return decryptor.decrypt(OfficialSamples.APPID, sessionKey, OfficialSamples.ENCRYPTED_DATA, OfficialSamples.IV);
    }

    @Benchmark
    public byte[] aesOnly() throws Exception {
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        return cipher.doFinal(ciphertext);
    }
}
