package dev.wxlogin.wechat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** WeChat's published samples with known answers (copied from shared/testdata). */
public final class OfficialSamples {

    private static final JsonNode ROOT = load();

    private OfficialSamples() {
    }

    public static JsonNode encryptedData() {
        return ROOT.get("encryptedData");
    }

    public static JsonNode rawDataSignature() {
        return ROOT.get("rawDataSignature");
    }

    public static JsonNode checkSessionKeySignature() {
        return ROOT.get("checkSessionKeySignature");
    }

    private static JsonNode load() {
        try (InputStream in = OfficialSamples.class.getResourceAsStream("/wechat-official-samples.json")) {
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
