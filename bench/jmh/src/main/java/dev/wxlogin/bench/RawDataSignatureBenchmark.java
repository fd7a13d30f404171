package dev.wxlogin.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.wxlogin.wechat.SessionKey;
import dev.wxlogin.wechat.crypto.RawDataSignature;

/** {@code sha1_hex(rawData + session_key)} on WeChat's published example: computing it and the constant-time check. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RawDataSignatureBenchmark {

    private final SessionKey sessionKey = SessionKey.of(OfficialSamples.RAW_SESSION_KEY);

    @Setup
    public void check() {
        if (!OfficialSamples.RAW_SIGNATURE.equals(sign())) {
            throw new IllegalStateException("the published rawData example does not give its known signature");
        }
    }

    @Benchmark
    public String sign() {
        return RawDataSignature.sign(OfficialSamples.RAW_DATA, sessionKey);
    }

    @Benchmark
    public void verify() {
        RawDataSignature.verify(OfficialSamples.RAW_DATA, OfficialSamples.RAW_SIGNATURE, sessionKey);
    }
}
