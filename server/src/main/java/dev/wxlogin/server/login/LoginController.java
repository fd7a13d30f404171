package dev.wxlogin.server.login;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.wxlogin.server.audit.RequestOrigin;
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
     * What the page sends: the codes of its platform. WeChat and QQ: {@code code}; Douyin: {@code code} and
     * {@code anonymousCode}; Alipay: {@code authCode}. encryptedData/iv and rawData/signature on WeChat, QQ and Douyin only.
     *
     * @param platform      {@code wechat}, {@code douyin}, {@code alipay} or {@code qq}; must be the app's when sent
     * @param code          the login code of wx.login(), qq.login() or tt.login()
     * @param anonymousCode Douyin: tt.login()'s anonymousCode
     * @param authCode      Alipay: my.getAuthCode()'s authCode
     */
    record LoginRequest(@Schema(allowableValues = {"wechat", "douyin", "alipay", "qq"}) String platform, String code, String anonymousCode,
                        String authCode, String encryptedData, String iv, String rawData, String signature) {

        @Override
        public String toString() {
            return "LoginRequest[platform=" + platform + ", code=***, encryptedData=" + (encryptedData == null ? null : "***") + "]";
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

    @Operation(operationId = "login", summary = "Log in on any platform: wx.login(), tt.login(), my.getAuthCode(), qq.login()",
            description = "Trades the platform's code with the platform (WeChat, QQ: code; Douyin: code and anonymousCode; "
                    + "Alipay: authCode), checks what the page sent (encryptedData/iv with the new session_key, rawData "
                    + "against its signature; not on Alipay), finds or creates the user of (platform, app, openid) and starts "
                    + "a login state. encryptedData comes with iv, rawData with signature. The app is the one named by "
                    + "X-WxLogin-AppId or WeChat's Referer, else the only one served, else the only one of the platform the "
                    + "body names (WeChat when it names none); platform, when sent, must be the app's.")
    @ApiErrors(value = {ApiError.CODE_MISSING, ApiError.INVALID_FIELD, ApiError.DATA_SIGNATURE_INVALID, ApiError.APP_REQUIRED,
            ApiError.APP_UNKNOWN, ApiError.PLATFORM_MISMATCH, ApiError.ENCRYPTED_DATA_UNSUPPORTED, ApiError.WX_CODE_INVALID,
            ApiError.WX_CODE_USED, ApiError.WX_USER_BLOCKED, ApiError.WX_RATE_LIMITED, ApiError.RATE_LIMITED, ApiError.USER_DISABLED},
            families = {ApiErrors.Family.ENCRYPTED_DATA, ApiErrors.Family.WECHAT, ApiErrors.Family.DOUYIN, ApiErrors.Family.QQ,
                    ApiErrors.Family.ALIPAY})
    @PostMapping(path = "/api/v1/login", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    LoginResponse login(@RequestBody LoginRequest request, HttpServletRequest http, RequestOrigin origin) {
        LoginCommand command = LoginCommand.of(request.platform(), request.code(), request.anonymousCode(), request.authCode(),
                request.encryptedData(), request.iv(), request.rawData(), request.signature());
        LoginResult result = logins.login(apps.selectForLogin(http, command.namedPlatform()), command, origin);
        return LoginResponse.of(result);
    }
}
