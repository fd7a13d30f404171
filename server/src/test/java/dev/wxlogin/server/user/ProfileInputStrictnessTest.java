package dev.wxlogin.server.user;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
import dev.wxlogin.server.TestUsers;
import dev.wxlogin.server.config.WxLoginProperties;
import tools.jackson.databind.JsonNode;

/**
 * What is stored is what a console will show: one set of rules for every way a profile field is set
 * (PATCH and a login's user info), strict JSON types, images that really decode within bounds, and
 * avatar files that only their own uploader's uploads delete.
 */
@DatabaseMatrix
@ServiceTest
class ProfileInputStrictnessTest {

    @Autowired
    UserStore users;
    @Autowired
    WxLoginProperties properties;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;
    @Fixture LoggedIn ada;

    @Test
    void nicknamesWithControlsLoneSurrogatesOrBidiOverridesAreRefused() {
        for (String nickname : List.of("\u0000", "Ada\u0007", "Ada\nLovelace", "\uD800Ada", "Ada\uDC00", "gnp.\u202Eexe", "Ada\u2066x")) {
            assertError(client.patchJson("/api/v1/me", Map.of("nickname", nickname), ada.accessToken()), 400, "INVALID_FIELD");
        }
        assertThat(users.findById(ada.userId()).orElseThrow().profile().nickname()).isNull();
    }

    @Test
    void textIsStoredNfcNormalisedAndEmojiAreKept() {
        Response response = client.patchJson("/api/v1/me", Map.of("nickname", "Rene\u0301 \uD83D\uDE00", "city", "Zu\u0308rich"),
                ada.accessToken());

        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        UserProfile stored = users.findById(ada.userId()).orElseThrow().profile();
        assertThat(stored.nickname()).isEqualTo("Ren\u00E9 \uD83D\uDE00");
        assertThat(stored.city()).isEqualTo("Z\u00FCrich");
    }

    @Test
    void typesAreStrictNotCoerced() {
        assertError(client.patchJson("/api/v1/me", Map.of("gender", "1"), ada.accessToken()), 400, "INVALID_FIELD");
        assertError(client.patchJson("/api/v1/me", Map.of("gender", 1.5), ada.accessToken()), 400, "INVALID_FIELD");
        assertError(client.patchJson("/api/v1/me", Map.of("gender", true), ada.accessToken()), 400, "INVALID_FIELD");
        assertError(client.patchJson("/api/v1/me", Map.of("nickname", 42), ada.accessToken()), 400, "INVALID_FIELD");
        assertError(client.patchJson("/api/v1/me", Map.of("city", List.of("Xi'an")), ada.accessToken()), 400, "INVALID_FIELD");
        assertThat(users.findById(ada.userId()).orElseThrow().profile().gender()).isNull();

        assertThat(client.patchJson("/api/v1/me", Map.of("gender", 1), ada.accessToken()).status()).isEqualTo(200);
        assertThat(users.findById(ada.userId()).orElseThrow().profile().gender()).isEqualTo(1);
    }

    @Test
    void avatarUrlIsAStrictHttpsUrlOrAnOwnUpload() {
        for (String url : List.of("https://a\"><script>alert(1)</script>", "https://a b", "https://a/%zz", "http://example.com/a.png",
                "https://user@example.com/a.png", "/avatars/../wxlogin.mv.db", "https://example.com/a.png'onerror='x")) {
            assertError(client.patchJson("/api/v1/me", Map.of("avatarUrl", url), ada.accessToken()), 400, "INVALID_FIELD");
        }
        String wechatAvatar = "https://thirdwx.qlogo.cn/mmopen/vi_32/POgEwh4mIHO4nibH0KlMECNjjGxQUq24ZEaGT4poC6icR/132";
        assertThat(client.patchJson("/api/v1/me", Map.of("avatarUrl", wechatAvatar), ada.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void aLoginProfileObeysTheSameRulesAndNeverNamesAnUpload() {
        String evesUpload = client.postFile("/api/v1/me/avatar", "file", "a.png", "image/png", TestImages.png(8, 8), ada.accessToken())
                .json().get("avatarUrl").asString();
        String mallory = TestUsers.unique("strict-mallory");

        login(mallory, Map.of("nickName", "Mallory", "avatarUrl", evesUpload, "gender", "1", "city", "Zu\u0308rich"));
        UserAccount stored = users.findByOpenid(appid, phone.login(appid, mallory).openid()).orElseThrow();
        login(mallory, Map.of("nickName", "Mal\u202Eory", "avatarUrl", "https://a\"><script>", "gender", 1.5));
        UserAccount again = users.findById(stored.id()).orElseThrow();

        assertThat(stored.profile().avatarUrl()).as("another user's upload is never taken from a login").isNull();
        assertThat(stored.profile().gender()).as("\"1\" is not a gender").isNull();
        assertThat(stored.profile().nickname()).isEqualTo("Mallory");
        assertThat(stored.profile().city()).isEqualTo("Z\u00FCrich");
        assertThat(again.profile().nickname()).as("a refused nickname is no profile: the stored one stays").isEqualTo("Mallory");
        assertThat(again.profile().avatarUrl()).isNull();
        assertThat(again.profile().gender()).isNull();
        assertThat(client.getBytes(evesUpload).statusCode()).isEqualTo(200);
    }

    @Test
    void anUploadDeletesOnlyItsUploadersOwnFiles() throws IOException {
        String adasUpload = client.postFile("/api/v1/me/avatar", "file", "a.png", "image/png", TestImages.png(8, 8), ada.accessToken())
                .json().get("avatarUrl").asString();
        LoggedIn bo = TestLogins.loginNew(client, phone, appid, "strict-bo");
        // Whatever a row names, even a path put there behind the API's back, is not bo's upload.
        users.updateProfile(bo.userId(), new UserProfile(null, adasUpload, null, null, null, null, null));

        Response upload = client.postFile("/api/v1/me/avatar", "file", "b.png", "image/png", TestImages.png(9, 9), bo.accessToken());

        assertThat(upload.status()).as(upload.raw()).isEqualTo(200);
        assertThat(client.getBytes(adasUpload).statusCode()).isEqualTo(200);
        assertThat(Files.exists(avatarDir().resolve(adasUpload.substring("/avatars/".length())))).isTrue();
    }

    @Test
    void concurrentUploadsOfOneUserLeaveExactlyTheFileTheProfileNames() throws Exception {
        Set<String> before = files();
        int uploads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(uploads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Response>> answers = Stream.iterate(0, i -> i + 1).limit(uploads)
                    .map(i -> CompletableFuture.supplyAsync(() -> {
                        awaitQuietly(start);
                        return client.postFile("/api/v1/me/avatar", "file", "a.png", "image/png", TestImages.png(10 + i, 10),
                                ada.accessToken());
                    }, pool)).toList();
            start.countDown();
            for (CompletableFuture<Response> answer : answers) {
                assertThat(answer.get().status()).as(answer.get().raw()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        Set<String> added = new HashSet<>(files());
        added.removeAll(before);
        String named = users.findById(ada.userId()).orElseThrow().profile().avatarUrl();
        assertThat(added).containsExactly(named.substring("/avatars/".length()));
    }

    @Test
    void imagesMustDecodeWithinBoundedDimensions() {
        byte[] htmlAfterSignature = concat(TestImages.PNG_SIGNATURE, "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
        byte[] jpeg = TestImages.jpeg(200, 200);
        byte[] truncatedJpeg = Arrays.copyOf(jpeg, jpeg.length / 2);

        assertError(upload(htmlAfterSignature), 415, "AVATAR_UNSUPPORTED_TYPE");
        assertError(upload(TestImages.pngHeaderClaiming(1L << 31, 1L << 31)), 415, "AVATAR_UNSUPPORTED_TYPE");
        assertError(upload(TestImages.pngHeaderClaiming(100_000, 100_000)), 413, "AVATAR_TOO_LARGE");
        assertError(upload(TestImages.png(AvatarDecoder.MAX_DIMENSION + 1, 1)), 413, "AVATAR_TOO_LARGE");
        assertError(upload(truncatedJpeg), 415, "AVATAR_UNSUPPORTED_TYPE");
        assertError(upload(Arrays.copyOf(TestImages.WEBP, TestImages.WEBP.length - 6)), 415, "AVATAR_UNSUPPORTED_TYPE");
        assertThat(users.findById(ada.userId()).orElseThrow().profile().avatarUrl()).isNull();

        for (byte[] image : List.of(TestImages.png(AvatarDecoder.MAX_DIMENSION, 2), jpeg, TestImages.WEBP)) {
            assertThat(upload(image).status()).isEqualTo(200);
        }
    }

    private Response upload(byte[] image) {
        return client.postFile("/api/v1/me/avatar", "file", "a.png", "image/png", image, ada.accessToken());
    }

    /** Logs in with user info holding exactly {@code profile}, as a tampered client could send it. */
    private void login(String user, Map<String, ?> profile) {
        SandboxPhone.Login login = phone.login(appid, user);
        Map<String, Object> userInfo = new HashMap<>(profile);
        userInfo.put("openId", login.openid());
        JsonNode encrypted = phone.encrypt(appid, user, userInfo);
        Map<String, Object> body = Map.of("code", login.code(), "encryptedData", encrypted.get("encryptedData").asString(),
                "iv", encrypted.get("iv").asString());
        Response response = client.postJson("/api/v1/login", body);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
    }

    private Path avatarDir() {
        return properties.avatar().dir();
    }

    private Set<String> files() throws IOException {
        if (!Files.isDirectory(avatarDir())) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(avatarDir())) {
            return files.map(file -> file.getFileName().toString()).filter(name -> !name.endsWith(".partial")).collect(Collectors.toSet());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
