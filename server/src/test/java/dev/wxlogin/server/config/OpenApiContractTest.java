package dev.wxlogin.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;

import dev.wxlogin.server.Fixture;
import dev.wxlogin.server.HttpTestClient;
import dev.wxlogin.server.HttpTestClient.Response;
import dev.wxlogin.server.ServiceTest;
import dev.wxlogin.server.error.ApiError;

/**
 * The OpenAPI document is the contract integrators and the SDK rely on: every endpoint of ours is in
 * it with a summary, its schemas and its error answers; every error code is in it; {@code /error} is
 * not; and what it says about authentication is what the service does.
 */
@ServiceTest
class OpenApiContractTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Fixture HttpTestClient client;
    JsonNode document;

    @BeforeEach
    void fetch() throws Exception {
        Response docs = client.get("/v3/api-docs");
        assertThat(docs.status()).as(docs.raw()).isEqualTo(200);
        document = docs.json();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/openapi.json"), docs.raw());
    }

    @Test
    void everyEndpointIsDocumentedWithASummaryItsAnswersAndItsErrors() {
        List<String> endpoints = ourEndpoints();
        assertThat(endpoints).hasSizeGreaterThanOrEqualTo(16);

        for (String endpoint : endpoints) {
            String[] methodAndPath = endpoint.split(" ", 2);
            JsonNode operation = document.get("paths").path(methodAndPath[1]).path(methodAndPath[0].toLowerCase(Locale.ROOT));
            assertThat(operation.isMissingNode()).as("%s is missing from the document", endpoint).isFalse();
            assertThat(operation.path("summary").asString("")).as("summary of %s", endpoint).isNotBlank();
            assertThat(operation.path("operationId").asString("")).as("operationId of %s", endpoint).isNotBlank();
            JsonNode responses = operation.get("responses");
            assertThat(responses.propertyNames()).as("success answer of %s", endpoint).anyMatch(status -> status.startsWith("2"));
            for (String status : responses.propertyNames()) {
                JsonNode response = responses.get(status);
                if (status.startsWith("2")) {
                    if (!status.equals("204")) {
                        assertThat(response.path("content").isEmpty()).as("schema of %s %s", endpoint, status).isFalse();
                    }
                    continue;
                }
                List<String> codes = codes(response);
                assertThat(codes).as("codes of %s %s", endpoint, status).isNotEmpty();
                for (String code : codes) {
                    assertThat(ApiError.valueOf(code).status().value()).as("%s listed under %s of %s", code, status, endpoint)
                            .isEqualTo(Integer.parseInt(status));
                    assertThat(response.path("description").asString()).contains(code);
                }
                String schema = response.path("content").path("application/json").path("schema").path("$ref").asString("");
                assertThat(schema).as("error schema of %s %s", endpoint, status).isEqualTo(
                        methodAndPath[1].startsWith("/user/") ? "#/components/schemas/LegacyErrorResponse" : "#/components/schemas/ErrorResponse");
            }
            assertThat(responses.propertyNames()).as("error answers of %s", endpoint).contains("500", "503");
        }
    }

    @Test
    void everyErrorCodeIsDocumentedOnSomeEndpointAndInTheErrorSchema() {
        Set<ApiError> listed = EnumSet.noneOf(ApiError.class);
        for (String path : document.get("paths").propertyNames()) {
            for (JsonNode operation : operations(path)) {
                for (JsonNode response : operation.get("responses")) {
                    codes(response).forEach(code -> listed.add(ApiError.valueOf(code)));
                }
            }
        }
        // The admin API's own codes (ADMIN_*) are documented with it, in docs/console.md.
        assertThat(EnumSet.complementOf(EnumSet.copyOf(listed))).as("codes no endpoint documents")
                .allMatch(code -> code.name().startsWith("ADMIN_"));

        JsonNode schemas = document.get("components").get("schemas");
        Set<String> enumerated = new TreeSet<>();
        schemas.get("ErrorResponse").get("properties").get("code").get("enum").forEach(code -> enumerated.add(code.asString()));
        Set<String> all = new TreeSet<>();
        for (ApiError error : ApiError.values()) {
            all.add(error.name());
        }
        assertThat(enumerated).isEqualTo(all);
        assertThat(schemas.get("ErrorResponse").get("properties").propertyNames())
                .containsExactlyInAnyOrder("code", "status", "message", "messageZh");
        assertThat(schemas.get("LegacyErrorResponse").get("properties").propertyNames())
                .containsExactlyInAnyOrder("code", "msg", "error");
    }

    @Test
    void theErrorPageIsNotAnEndpoint() {
        assertThat(document.get("paths").propertyNames()).doesNotContain("/error");
    }

    @Test
    void theAdminSurfaceIsNotInTheIntegratorsContract() {
        assertThat(document.get("paths").propertyNames()).noneMatch(path -> path.startsWith("/admin"));
    }

    @Test
    void requestsAndAnswersHaveSchemasNamedAfterTheirTypes() {
        JsonNode schemas = document.get("components").get("schemas");
        assertThat(schemas.propertyNames()).contains("LoginRequest", "LoginResponse", "UserView", "TokenPair",
                "RefreshTokenRequest", "LegacyLoginRequest", "PlatUserInfo", "LegacyLoginResponse", "WeChatUserInfo",
                "ProfileChanges", "PhoneRequest", "PhoneView", "LinkedAccounts", "LinkedAccount", "DecryptRequest",
                "DecryptResponse", "SessionResponse", "JwkSet", "OpenIdConfiguration", "ErrorResponse", "LegacyErrorResponse");
        assertThat(schemas.get("LoginResponse").get("properties").propertyNames()).containsExactlyInAnyOrder(
                "user", "newUser", "accessToken", "refreshToken", "expiresIn", "tokenType");
        assertThat(schemas.get("TokenPair").get("properties").propertyNames()).containsExactlyInAnyOrder(
                "accessToken", "refreshToken", "expiresIn", "tokenType");
        assertThat(schemas.get("LegacyLoginResponse").get("properties").propertyNames()).containsExactlyInAnyOrder(
                "code", "msg", "userinfo", "accessToken", "refreshToken", "expiresIn", "tokenType");
        assertThat(schemas.get("LegacyLoginResponse").get("properties").get("userinfo").get("$ref").asString())
                .isEqualTo("#/components/schemas/WeChatUserInfo");
        assertThat(requestSchema("/api/v1/login", "post")).isEqualTo("#/components/schemas/LoginRequest");
        assertThat(requestSchema("/user/wxlogin", "post")).isEqualTo("#/components/schemas/LegacyLoginRequest");
        assertThat(requestSchema("/api/v1/token/refresh", "post")).isEqualTo("#/components/schemas/RefreshTokenRequest");
        assertThat(answerSchema("/api/v1/token/refresh", "post")).isEqualTo("#/components/schemas/TokenPair");
        assertThat(answerSchema("/api/v1/me", "get")).isEqualTo("#/components/schemas/MeView");
        assertThat(schemas.get("MeView").get("properties").propertyNames()).as("the user's fields at the top level, and the links")
                .contains("id", "appid", "openid", "nickname", "phone", "linkedAccounts").doesNotContain("user");
        assertThat(requestSchema("/api/v1/me/links", "post")).isEqualTo("#/components/schemas/LinkRequest");
        assertThat(answerSchema("/api/v1/me/links", "post")).isEqualTo("#/components/schemas/PlatformLink");
        assertThat(answerSchema("/user/wxlogin", "post")).isEqualTo("#/components/schemas/LegacyLoginResponse");
    }

    /** Documented as needing a bearer token exactly where the service answers TOKEN_MISSING without one. */
    @Test
    void theBearerSchemeIsOnExactlyTheEndpointsThatNeedAToken() {
        List<String> mismatches = new ArrayList<>();
        for (String path : document.get("paths").propertyNames()) {
            JsonNode item = document.get("paths").get(path);
            for (String method : item.propertyNames()) {
                JsonNode operation = item.get(method);
                boolean documented = false;
                for (JsonNode requirement : operation.path("security")) {
                    documented |= requirement.has("bearer");
                }
                Response answer = client.send(client.request(path.replace("{name}", "nothing.png").replace("{id}", "no-such-id").replace("{userId}", "1")
                        .replace("{ticket}", "AAAAAAAAAAAAAAAAAAAAAA").replace("{clientId}", "no-such-client"))
                        .method(method.toUpperCase(Locale.ROOT), java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                        .header("Content-Type", "application/json"));
                boolean refused = answer.status() == 401 && answer.json() != null
                        && "TOKEN_MISSING".equals(answer.json().path("code").asString(""));
                if (documented != refused) {
                    mismatches.add(method + " " + path + ": documented " + documented + ", answered " + answer.status());
                }
                if (documented) {
                    assertThat(codes(operation.get("responses").get("401"))).contains("TOKEN_MISSING", "TOKEN_EXPIRED");
                }
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(document.get("components").get("securitySchemes").get("bearer").get("scheme").asString()).isEqualTo("bearer");
    }

    private List<String> ourEndpoints() {
        List<String> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            HandlerMethod handler = mapping.getValue();
            // The admin API and console (/admin) are the operators' surface, documented in docs/console.md,
            // and deliberately absent from the integrators' contract.
            if (!handler.getBeanType().getPackageName().startsWith("dev.wxlogin.server")
                    || handler.getBeanType().getPackageName().equals("dev.wxlogin.server.admin")
                    || handler.getBeanType().getSimpleName().equals("ErrorPageController")
                    // Browser pages (the web sign-in scan page), not API: hidden on purpose.
                    || handler.getBeanType().isAnnotationPresent(io.swagger.v3.oas.annotations.Hidden.class)) {
                continue;
            }
            for (String path : mapping.getKey().getPatternValues()) {
                for (var method : mapping.getKey().getMethodsCondition().getMethods()) {
                    endpoints.add(method.name() + " " + path);
                }
            }
        }
        return endpoints;
    }

    private List<JsonNode> operations(String path) {
        List<JsonNode> operations = new ArrayList<>();
        document.get("paths").get(path).forEach(operations::add);
        return operations;
    }

    private static List<String> codes(JsonNode response) {
        List<String> codes = new ArrayList<>();
        response.path("x-error-codes").forEach(code -> codes.add(code.asString()));
        return codes;
    }

    private String requestSchema(String path, String method) {
        return document.get("paths").get(path).get(method).get("requestBody").get("content").get("application/json")
                .get("schema").get("$ref").asString();
    }

    private String answerSchema(String path, String method) {
        return document.get("paths").get(path).get(method).get("responses").get("200").get("content").get("application/json")
                .get("schema").get("$ref").asString();
    }
}
