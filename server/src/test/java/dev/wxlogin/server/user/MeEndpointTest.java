package dev.wxlogin.server.user;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.DatabaseMatrix;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.config.WxLoginProperties;

/** {@code /api/v1/me}: read and change the profile, and upload an avatar that is then served back. */
@DatabaseMatrix
@ServiceTest
class MeEndpointTest {

    static final byte[] PNG = TestImages.png(64, 48);
    static final byte[] JPEG = TestImages.jpeg(64, 48);
    static final byte[] WEBP = TestImages.WEBP;

    @Autowired
    UserStore users;
    @Autowired
    WxLoginProperties properties;

    @Fixture HttpTestClient client;
    @Fixture LoggedIn eve;

    @Fixture SandboxPhone phone;
    @Fixture String appid;

    @Test
    void patchChangesOnlyTheGivenFields() {
        Response first = client.patchJson("/api/v1/me", Map.of("nickname", "Eve", "gender", 2, "city", "Chengdu"), eve.accessToken());
        Response second = client.patchJson("/api/v1/me", Map.of("city", "Xi'an"), eve.accessToken());

        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(second.json().get("nickname").asString()).isEqualTo("Eve");
        assertThat(second.json().get("gender").asInt()).isEqualTo(2);
        assertThat(second.json().get("city").asString()).isEqualTo("Xi'an");
        assertThat(second.json().get("linkedAccounts")).as("the shape of GET /api/v1/me").isEmpty();
        UserProfile stored = users.findById(eve.userId()).orElseThrow().profile();
        assertThat(stored.nickname()).isEqualTo("Eve");
        assertThat(stored.city()).isEqualTo("Xi'an");
        assertThat(client.get("/api/v1/me", eve.accessToken()).json().get("nickname").asString()).isEqualTo("Eve");
    }

    @Test
    void postWithPatchOverrideChangesTheProfileSinceWxRequestCannotSendPatch() {
        Response response = client.send(client.request("/api/v1/me").header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + eve.accessToken()).header("X-HTTP-Method-Override", "patch")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"nickname\":\"Eve over POST\"}")));

        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        assertThat(users.findById(eve.userId()).orElseThrow().profile().nickname()).isEqualTo("Eve over POST");
    }

    @Test
    void onlyPatchCanBeNamedAsTheOverride() {
        Response response = client.send(client.request("/api/v1/me").header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + eve.accessToken()).header("X-HTTP-Method-Override", "DELETE")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"nickname\":\"x\"}")));

        assertError(response, 405, "METHOD_NOT_ALLOWED");
        assertThat(users.findById(eve.userId()).orElseThrow().profile().nickname()).isNull();
    }

    @Test
    void invalidProfileValuesAreRefused() {
        assertError(client.patchJson("/api/v1/me", Map.of("gender", 7), eve.accessToken()), 400, "INVALID_FIELD");
        assertError(client.patchJson("/api/v1/me", Map.of("nickname", " "), eve.accessToken()), 400, "INVALID_FIELD");
        assertError(client.patchJson("/api/v1/me", Map.of("nickname", "x".repeat(101)), eve.accessToken()), 400, "INVALID_FIELD");
        assertError(client.patchJson("/api/v1/me", Map.of("avatarUrl", "javascript:alert(1)"), eve.accessToken()), 400, "INVALID_FIELD");
        assertThat(users.findById(eve.userId()).orElseThrow().profile().nickname()).isNull();
    }

    @Test
    void meNeedsAToken() {
        assertError(client.get("/api/v1/me"), 401, "TOKEN_MISSING");
        assertError(client.patchJson("/api/v1/me", Map.of("nickname", "x"), "nope"), 401, "TOKEN_INVALID");
        assertError(client.postFile("/api/v1/me/avatar", "file", "a.png", "image/png", PNG, null), 401, "TOKEN_MISSING");
    }

    @Test
    void uploadedAvatarBecomesTheAvatarAndIsServedBack() throws Exception {
        Map<String, byte[]> images = new HashMap<>(Map.of("image/png", PNG, "image/jpeg", JPEG, "image/webp", WEBP));
        String previous = null;
        for (var image : images.entrySet()) {
            Response upload = client.postFile("/api/v1/me/avatar", "file", "avatar.bin", "application/octet-stream",
                    image.getValue(), eve.accessToken());

            assertThat(upload.status()).as(upload.raw()).isEqualTo(200);
            String url = upload.json().get("avatarUrl").asString();
            assertThat(url).matches("/avatars/[0-9a-f]{32}\\.(png|jpg|webp)");
            assertThat(users.findById(eve.userId()).orElseThrow().profile().avatarUrl()).isEqualTo(url);
            HttpResponse<byte[]> served = client.getBytes(url);
            assertThat(served.statusCode()).isEqualTo(200);
            assertThat(served.headers().firstValue("Content-Type")).hasValue(image.getKey());
            assertThat(served.body()).isEqualTo(image.getValue());
            assertThat(Files.exists(avatarFile(url))).isTrue();
            if (previous != null) {
                // The replaced upload is deleted: it is no one's avatar any more.
                assertThat(client.getBytes(previous).statusCode()).isEqualTo(404);
            }
            previous = url;
        }
    }

    @Test
    void anotherUsersUploadedAvatarCannotBeClaimedAndSoNeverDeleted() {
        Response upload = client.postFile("/api/v1/me/avatar", "file", "a.png", "image/png", PNG, eve.accessToken());
        String evesAvatar = upload.json().get("avatarUrl").asString();
        assertThat(upload.json().get("linkedAccounts")).as("the shape of GET /api/v1/me").isEmpty();
        LoggedIn mallory = TestLogins.loginNew(client, phone, appid, "mallory");

        assertError(client.patchJson("/api/v1/me", Map.of("avatarUrl", evesAvatar), mallory.accessToken()), 400, "INVALID_FIELD");
        client.postFile("/api/v1/me/avatar", "file", "b.png", "image/png", PNG, mallory.accessToken());

        assertThat(client.getBytes(evesAvatar).statusCode()).isEqualTo(200);
        assertThat(users.findById(mallory.userId()).orElseThrow().profile().avatarUrl()).isNotEqualTo(evesAvatar);
        // Re-sending one's own current avatar path is harmless and accepted.
        assertThat(client.patchJson("/api/v1/me", Map.of("avatarUrl", evesAvatar), eve.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void nonImagesAreRefusedWhateverTheyClaim() {
        byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
        byte[] gif = "GIF89a....".getBytes(StandardCharsets.US_ASCII);

        assertError(client.postFile("/api/v1/me/avatar", "file", "a.png", "image/png", html, eve.accessToken()), 415, "AVATAR_UNSUPPORTED_TYPE");
        assertError(client.postFile("/api/v1/me/avatar", "file", "a.gif", "image/gif", gif, eve.accessToken()), 415, "AVATAR_UNSUPPORTED_TYPE");
        assertError(client.postFile("/api/v1/me/avatar", "file", "a.png", "image/png", new byte[0], eve.accessToken()), 415, "AVATAR_UNSUPPORTED_TYPE");
        assertThat(users.findById(eve.userId()).orElseThrow().profile().avatarUrl()).isNull();
    }

    @Test
    void oversizedAvatarIs413() {
        long max = properties.avatar().maxSize().toBytes();
        byte[] big = Arrays.copyOf(PNG, (int) max + 64 * 1024);

        Response response = client.postFile("/api/v1/me/avatar", "file", "big.png", "image/png", big, eve.accessToken());

        assertError(response, 413, "AVATAR_TOO_LARGE");
    }

    @Test
    void avatarAtTheLimitIsAccepted() {
        byte[] exact = Arrays.copyOf(PNG, (int) properties.avatar().maxSize().toBytes());
        Response response = client.postFile("/api/v1/me/avatar", "file", "exact.png", "image/png", exact, eve.accessToken());
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
    }

    @Test
    void missingFilePartIsInvalidField() {
        assertError(client.postFile("/api/v1/me/avatar", "picture", "a.png", "image/png", PNG, eve.accessToken()), 400, "INVALID_FIELD");
    }

    @Test
    void unknownOrTraversingAvatarNamesAre404() {
        assertThat(client.getBytes("/avatars/" + "0".repeat(32) + ".png").statusCode()).isEqualTo(404);
        assertThat(client.getBytes("/avatars/..%2F..%2Fwxlogin.mv.db").statusCode()).isIn(400, 404);
    }

    private Path avatarFile(String url) {
        return properties.avatar().dir().resolve(url.substring("/avatars/".length()));
    }
}
