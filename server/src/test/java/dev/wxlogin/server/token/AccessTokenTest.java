package dev.wxlogin.server.token;

import static dev.wxlogin.server.ApiAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import dev.wxlogin.sandbox.SandboxPhone;
import dev.wxlogin.server.DatabaseMatrix;
import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.TestLogins;
import dev.wxlogin.server.TestLogins.LoggedIn;
import dev.wxlogin.server.TestUsers;

/**
 * Access tokens over real HTTP: what a login answers opens {@code /api/v1/me}; forged, expired and
 * misaddressed tokens are refused with 401 and a code saying why. Forgeries are built with nimbus;
 * those that need our private key read it from the database, as an attacker with the key would.
 */
@DatabaseMatrix
@ServiceTest
class AccessTokenTest {

    @Autowired
    JdbcClient jdbc;

    @Fixture HttpTestClient client;
    @Fixture SandboxPhone phone;
    @Fixture String appid;
    @Fixture LoggedIn amy;
    JWTClaimsSet issued;
    SignedJWT issuedJwt;

    @BeforeEach
    void setUp() throws Exception {
        issuedJwt = SignedJWT.parse(amy.accessToken());
        issued = issuedJwt.getJWTClaimsSet();
    }

    @Test
    void loginAnswersABearerTokenThatOpensMe() {
        Response login = client.postJson("/api/v1/login", Map.of("code", phone.login(appid, amy.user()).code()));
        assertThat(login.json().get("tokenType").asString()).isEqualTo("Bearer");
        assertThat(login.json().get("expiresIn").asLong()).isBetween(7000L, 7200L);
        assertThat(login.json().get("refreshToken").asString()).matches("[A-Za-z0-9_-]{43}");

        Response me = client.get("/api/v1/me", login.json().get("accessToken").asString());

        assertThat(me.status()).as(me.raw()).isEqualTo(200);
        assertThat(me.json().get("id").asLong()).isEqualTo(amy.userId());
        assertThat(me.json().get("openid").asString()).isEqualTo(amy.openid());
        assertThat(me.raw()).doesNotContain("session");
    }

    @Test
    void tokenIsAnEs256JwtWithOurClaims() throws Exception {
        assertThat(issuedJwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(issuedJwt.getHeader().getKeyID()).isNotBlank();
        assertThat(issuedJwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
        assertThat(issued.getSubject()).isEqualTo(Long.toString(amy.userId()));
        assertThat(issued.getAudience()).containsExactly("wxlogin");
        assertThat(issued.getIssuer()).isNotBlank();
        assertThat(issued.getStringClaim("appid")).isEqualTo(appid);
        assertThat(issued.getStringClaim("openid")).isEqualTo(amy.openid());
        assertThat(issued.getJWTID()).isNotBlank();
        assertThat(issued.getStringClaim("sid")).isEqualTo(jdbc.sql("SELECT DISTINCT family_id FROM refresh_token WHERE user_id = ?")
                .param(amy.userId()).query(String.class).single());
        assertThat(Duration.between(issued.getIssueTime().toInstant(), issued.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(2));
    }

    @Test
    void everyLoginGetsItsOwnTokenId() throws Exception {
        LoggedIn again = TestLogins.login(client, phone, appid, amy.user());
        assertThat(SignedJWT.parse(again.accessToken()).getJWTClaimsSet().getJWTID()).isNotEqualTo(issued.getJWTID());
    }

    @Test
    void noTokenIsTokenMissing() {
        Response response = client.get("/api/v1/me");
        assertError(response, 401, "TOKEN_MISSING");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void garbageIsTokenInvalid() {
        Response response = client.get("/api/v1/me", "not-a-jwt");
        assertError(response, 401, "TOKEN_INVALID");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
    }

    @Test
    void tamperedPayloadIsRefused() {
        String[] parts = amy.accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String forged = payload.replace("\"sub\":\"" + amy.userId() + "\"", "\"sub\":\"1\"");
        assertThat(forged).isNotEqualTo(payload);
        String token = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes()) + "." + parts[2];

        assertError(client.get("/api/v1/me", token), 401, "TOKEN_INVALID");
    }

    @Test
    void tokenSignedWithOurKeyAndOurClaimsIsAccepted() throws Exception {
        // The control for the forgeries below: the same signing path with nothing wrong passes.
        Response response = client.get("/api/v1/me", signWithOurKey(claims().build()));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
    }

    @Test
    void expiredTokenIsTokenExpired() throws Exception {
        Instant past = Instant.now().minus(Duration.ofHours(3));
        String token = signWithOurKey(claims().issueTime(Date.from(past)).expirationTime(Date.from(past.plus(Duration.ofHours(2)))).build());

        Response response = client.get("/api/v1/me", token);

        assertError(response, 401, "TOKEN_EXPIRED");
    }

    @Test
    void wrongAudienceIsRefused() throws Exception {
        assertError(client.get("/api/v1/me", signWithOurKey(claims().audience("another-service").build())), 401, "TOKEN_INVALID");
    }

    @Test
    void wrongIssuerIsRefused() throws Exception {
        assertError(client.get("/api/v1/me", signWithOurKey(claims().issuer("https://evil.example").build())), 401, "TOKEN_INVALID");
    }

    @Test
    void tokenWithoutExpiryIsRefused() throws Exception {
        assertError(client.get("/api/v1/me", signWithOurKey(claims().expirationTime(null).build())), 401, "TOKEN_INVALID");
    }

    @Test
    void unsignedAlgNoneTokenIsRefused() {
        String token = new PlainJWT(claims().build()).serialize();
        assertThat(token).endsWith(".");

        assertError(client.get("/api/v1/me", token), 401, "TOKEN_INVALID");
    }

    @Test
    void hs256KeyedWithOurPublicKeyIsRefused() throws Exception {
        ECKey publicKey = currentPublicKey();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(publicKey.getKeyID()).type(JOSEObjectType.JWT).build();
        for (byte[] secret : List.of(publicKey.toECPublicKey().getEncoded(), publicKey.toJSONString().getBytes())) {
            SignedJWT jwt = new SignedJWT(header, claims().build());
            jwt.sign(new MACSigner(secret));

            assertError(client.get("/api/v1/me", jwt.serialize()), 401, "TOKEN_INVALID");
        }
    }

    @Test
    void tokenSignedByAnotherKeyUnderOurKidIsRefused() throws Exception {
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID(issuedJwt.getHeader().getKeyID()).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(stranger.getKeyID()).build(), claims().build());
        jwt.sign(new ECDSASigner(stranger));

        assertError(client.get("/api/v1/me", jwt.serialize()), 401, "TOKEN_INVALID");
    }

    @Test
    void theHighSTwinOfAValidTokenIsRefused() throws Exception {
        String twin = CanonicalTokenFormTest.highSTwin(amy.accessToken());
        // A genuine twin: the same signature to a plain ECDSA verifier.
        java.security.Signature ecdsa = java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
        ecdsa.initVerify(currentPublicKey().toECPublicKey());
        ecdsa.update(twin.substring(0, twin.lastIndexOf('.')).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(ecdsa.verify(Base64.getUrlDecoder().decode(twin.substring(twin.lastIndexOf('.') + 1)))).isTrue();

        assertThat(client.get("/api/v1/me", amy.accessToken()).status()).isEqualTo(200);
        assertError(client.get("/api/v1/me", twin), 401, "TOKEN_INVALID");
    }

    @Test
    void respellingsOfAValidTokenAreRefused() {
        String[] parts = amy.accessToken().split("\\.");

        assertError(client.get("/api/v1/me", parts[0] + "." + parts[1] + "." + parts[2] + "=="), 401, "TOKEN_INVALID");
        assertError(client.get("/api/v1/me", parts[0] + "." + parts[1] + "." + CanonicalTokenFormTest.withOtherUnusedBits(parts[2])),
                401, "TOKEN_INVALID");
    }

    @Test
    void accessTokensMustBeTypedAtJwt() throws Exception {
        for (JOSEObjectType type : new JOSEObjectType[] {JOSEObjectType.JWT, null, new JOSEObjectType("application/jwt")}) {
            assertError(client.get("/api/v1/me", signWithOurKey(claims().build(), type)), 401, "TOKEN_INVALID");
        }
    }

    @Test
    void staleTokenOnAPublicEndpointIsIgnored() {
        // Mini programs often attach the stored token to every call; an expired one must not block a new login.
        SandboxPhone.Login login = phone.login(appid, TestUsers.unique("stale"));
        Response response = client.postJson("/api/v1/login", Map.of("code", login.code()), "expired.or.garbage");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
    }

    private JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder(issued).jwtID(TestUsers.unique("jti"))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
    }

    private String signWithOurKey(JWTClaimsSet claims) throws Exception {
        return signWithOurKey(claims, new JOSEObjectType("at+jwt"));
    }

    private String signWithOurKey(JWTClaimsSet claims, JOSEObjectType type) throws Exception {
        String kid = issuedJwt.getHeader().getKeyID();
        ECKey key = ECKey.parse(jdbc.sql("SELECT private_jwk FROM signing_key WHERE kid = ?").param(kid).query(String.class).single());
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).type(type).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return CanonicalTokenForm.withLowS(jwt.serialize());
    }

    private ECKey currentPublicKey() throws Exception {
        Response jwks = client.get("/.well-known/jwks.json");
        String kid = issuedJwt.getHeader().getKeyID();
        for (var key : jwks.json().get("keys")) {
            if (kid.equals(key.get("kid").asString())) {
                return ECKey.parse(key.toString());
            }
        }
        throw new AssertionError("kid " + kid + " is not in " + jwks.raw());
    }
}
