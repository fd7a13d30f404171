package dev.wxlogin.server.login;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.wxlogin.server.app.AppSelector;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiErrors;
import dev.wxlogin.server.token.TokenPair;
import dev.wxlogin.server.user.UserView;

/** {@code POST /api/v1/login}: the versioned login for new clients. */
@RestController
@Tag(name = "Login")
class LoginController {

    /**
     * What the page sends. Only {@code code} is required: current WeChat gives little else.
     */
    record LoginRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String code, String encryptedData, String iv, String rawData, String signature) {

        @Override
        public String toString() {
            return "LoginRequest[code=***, encryptedData=" + (encryptedData == null ? null : "***") + "]";
        }
    }

    /**
     * @param user         the user as stored
     * @param newUser      whether this login created the user
     * @param accessToken  the access token (ES256 JWT)
     * @param refreshToken the single-use refresh token
     * @param expiresIn    seconds until the access token expires
     * @param tokenType    {@code Bearer}
     */
    record LoginResponse(UserView user, boolean newUser, String accessToken, String refreshToken, long expiresIn,
                         String tokenType) {

        static LoginResponse of(LoginResult result) {
            TokenPair tokens = result.tokens();
            return new LoginResponse(UserView.of(result.user()), result.created(), tokens.accessToken(),
                    tokens.refreshToken(), tokens.expiresIn(), tokens.tokenType());
        }

        @Override
        public String toString() {
            return "LoginResponse[user=" + user.id() + ", newUser=" + newUser + ", accessToken=***, refreshToken=***]";
        }
    }

    private final LoginService logins;
    private final AppSelector apps;

    LoginController(LoginService logins, AppSelector apps) {
        this.logins = logins;
        this.apps = apps;
    }

    @Operation(operationId = "login", summary = "Log in with a wx.login() code",
            description = "Trades the code with WeChat, checks what the page sent (encryptedData/iv with the new "
                    + "session_key, rawData against its signature), finds or creates the user and starts a login state. "
                    + "Only code is required; encryptedData comes with iv, rawData with signature. The app is the one "
                    + "named by X-WxLogin-AppId or WeChat's Referer, or the only one served.")
    @ApiErrors(value = {ApiError.CODE_MISSING, ApiError.INVALID_FIELD, ApiError.DATA_SIGNATURE_INVALID, ApiError.APP_REQUIRED,
            ApiError.APP_UNKNOWN, ApiError.WX_CODE_INVALID, ApiError.WX_CODE_USED, ApiError.WX_USER_BLOCKED,
            ApiError.WX_RATE_LIMITED, ApiError.RATE_LIMITED, ApiError.USER_DISABLED},
            families = {ApiErrors.Family.ENCRYPTED_DATA, ApiErrors.Family.WECHAT})
    @PostMapping(path = "/api/v1/login", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    LoginResponse login(@RequestBody LoginRequest request, HttpServletRequest http) {
        LoginResult result = logins.login(apps.select(http), new LoginCommand(
                request.code(), request.encryptedData(), request.iv(), request.rawData(), request.signature()), http.getRemoteAddr());
        return LoginResponse.of(result);
    }
}
