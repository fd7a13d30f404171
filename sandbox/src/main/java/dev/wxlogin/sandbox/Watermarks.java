package dev.wxlogin.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** The watermark WeChat puts in what it encrypts or answers: appid and time, forgeable for tests. */
final class Watermarks {

    private final Clock clock;

    Watermarks(Clock clock) {
        this.clock = clock;
    }

    /** @param tamper {@code watermarkAppid} or {@code watermarkAgeSeconds} to forge the watermark, else empty */
    Map<String, Object> of(SandboxApp app, JsonNode tamper) {
        Instant timestamp = clock.instant().minus(Duration.ofSeconds(tamper.path("watermarkAgeSeconds").asLong(0)));
        Map<String, Object> watermark = new LinkedHashMap<>();
        watermark.put("timestamp", timestamp.getEpochSecond());
        watermark.put("appid", tamper.path("watermarkAppid").asString(app.appid()));
        return watermark;
    }
}
