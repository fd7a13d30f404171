package dev.wxlogin.server.config;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiErrors;

/**
 * Documents each endpoint's error answers: the codes of its {@link ApiErrors} annotation plus those
 * every endpoint of its kind can give, grouped by HTTP status, each status with our error shape, the
 * codes in its description and as {@code x-error-codes}. The compatible {@code /user/**} endpoints
 * answer errors in their own shape, {@value #LEGACY_ERROR_SCHEMA}.
 */
class OpenApiErrorResponses implements OperationCustomizer {

    /** The API's error shape. */
    static final String ERROR_SCHEMA = "ErrorResponse";
    /** The compatible endpoints' error shape. */
    static final String LEGACY_ERROR_SCHEMA = "LegacyErrorResponse";
    /** The extension listing a response's codes. */
    static final String ERROR_CODES = "x-error-codes";
    /** The name of the bearer security scheme. */
    static final String BEARER = "bearer";

    /** Whatever the endpoint: a refused request line or header, an outage, a bug. */
    private static final Set<ApiError> EVERY_ENDPOINT = EnumSet.of(ApiError.MALFORMED_REQUEST, ApiError.METHOD_NOT_ALLOWED,
            ApiError.NOT_ACCEPTABLE, ApiError.DATABASE_UNAVAILABLE, ApiError.INTERNAL_ERROR);
    /** Endpoints that read a body. */
    private static final Set<ApiError> WITH_BODY = EnumSet.of(ApiError.MALFORMED_BODY, ApiError.UNSUPPORTED_MEDIA_TYPE,
            ApiError.REQUEST_TOO_LARGE);
    /** Endpoints that need an access token. */
    /** The revocation check answers SESSION_REVOKED and the ACCOUNT codes on every endpoint that takes a token. */
    private static final Set<ApiError> WITH_ACCESS_TOKEN = EnumSet.of(ApiError.TOKEN_MISSING, ApiError.TOKEN_INVALID,
            ApiError.TOKEN_EXPIRED, ApiError.TOKEN_WRONG_APP, ApiError.APP_UNKNOWN, ApiError.ACCESS_DENIED,
            ApiError.SESSION_REVOKED, ApiError.USER_NOT_FOUND, ApiError.USER_DISABLED);

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (!handler.getBeanType().getPackageName().startsWith("dev.wxlogin.server")) {
            return operation;
        }
        Set<ApiError> errors = errorsOf(handler, operation);
        String schema = isLegacy(handler) ? LEGACY_ERROR_SCHEMA : ERROR_SCHEMA;
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        Map<Integer, List<ApiError>> byStatus = errors.stream()
                .collect(Collectors.groupingBy(error -> error.status().value(), TreeMap::new, Collectors.toList()));
        byStatus.forEach((status, codes) -> responses.addApiResponse(String.valueOf(status), response(status, codes, schema)));
        operation.setResponses(responses);
        return operation;
    }

    /** Every code the endpoint can answer. */
    static Set<ApiError> errorsOf(HandlerMethod handler, Operation operation) {
        Set<ApiError> errors = EnumSet.copyOf(EVERY_ENDPOINT);
        ApiErrors declared = handler.getMethodAnnotation(ApiErrors.class);
        if (declared != null) {
            errors.addAll(Arrays.asList(declared.value()));
            for (ApiErrors.Family family : declared.families()) {
                errors.addAll(family.errors());
            }
        }
        if (readsBody(handler.getMethod())) {
            errors.addAll(WITH_BODY);
        }
        if (needsAccessToken(handler, operation)) {
            errors.addAll(WITH_ACCESS_TOKEN);
        }
        return errors;
    }

    private static ApiResponse response(int status, List<ApiError> codes, String schema) {
        StringBuilder description = new StringBuilder();
        for (ApiError code : codes) {
            description.append(description.isEmpty() ? "" : "\n\n").append('`').append(code.name()).append("`: ").append(code.message());
        }
        ApiResponse response = new ApiResponse()
                .description(description.toString())
                .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + schema))));
        response.addExtension(ERROR_CODES, codes.stream().map(ApiError::name).toList());
        if (status == 429 || status == 503) {
            response.addHeaderObject(HttpHeaders.RETRY_AFTER, new Header()
                    .description("seconds to wait before retrying").schema(new IntegerSchema()));
        }
        if (codes.contains(ApiError.TOKEN_MISSING)) {
            response.addHeaderObject(HttpHeaders.WWW_AUTHENTICATE, new Header()
                    .description("`Bearer`, with `error=\"invalid_token\"` for a token that was refused")
                    .schema(new StringSchema()));
        }
        return response;
    }

    private static boolean readsBody(Method method) {
        return Arrays.stream(method.getParameters())
                .anyMatch(parameter -> parameter.isAnnotationPresent(RequestBody.class) || parameter.isAnnotationPresent(RequestPart.class));
    }

    private static boolean needsAccessToken(HandlerMethod handler, Operation operation) {
        if (operation.getSecurity() != null) {
            return operation.getSecurity().stream().anyMatch(requirement -> requirement.containsKey(BEARER));
        }
        SecurityRequirement requirement = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), SecurityRequirement.class);
        return requirement != null && requirement.name().equals(BEARER);
    }

    private static boolean isLegacy(HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        List<String> paths = new ArrayList<>();
        if (mapping != null) {
            paths.addAll(Arrays.asList(mapping.path()));
        }
        return !paths.isEmpty() && paths.stream().allMatch(path -> path.startsWith("/user/"));
    }
}
