package dev.wxlogin.server.login;

import java.util.LinkedHashMap;
import java.util.Map;

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
import dev.wxlogin.server.app.MiniProgramApp;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiErrors;
import dev.wxlogin.server.token.TokenPair;
import dev.wxlogin.server.user.UserAccount;

/**
 * {@code POST /user/wxlogin}: the endpoint existing mini programs already call. Its request and
 * answer must not change: {@code {"platCode", "platUserInfoMap": {"encryptedData", "iv"}}} in,
 * {@code {"code":200, "msg":"登录成功", "userinfo":{...}}} out, where userinfo is the decrypted user
 * info exactly as WeChat encrypted it; the login state's {@code accessToken}, {@code refreshToken},
 * {@code expiresIn} and {@code tokenType} are added beside it. Errors keep the same shape with
 * {@code code} = HTTP status.
 */
@RestController
@Tag(name = "Login")
class LegacyLoginController {

    record PlatUserInfo(String encryptedData, String iv, String rawData, String signature) {

        @Override
        public String toString() {
            return "PlatUserInfo[encryptedData=" + (encryptedData == null ? null : "***") + ", iv=***]";
        }
    }

    record LegacyLoginRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String platCode, PlatUserInfo platUserInfoMap) {

        @Override
        public String toString() {
            return "LegacyLoginRequest[platCode=***, platUserInfoMap=" + platUserInfoMap + "]";
        }
    }

    record LegacyLoginResponse(@Schema(description = "always 200") int code, @Schema(description = "登录成功") String msg,
                               @Schema(ref = "#/components/schemas/WeChatUserInfo") Object userinfo, String accessToken, String refreshToken,
                               long expiresIn, String tokenType) {

        @Override
        public String toString() {
            return "LegacyLoginResponse[code=" + code + ", accessToken=***, refreshToken=***]";
        }
    }

    private final LoginService logins;
    private final AppSelector apps;

    LegacyLoginController(LoginService logins, AppSelector apps) {
        this.logins = logins;
        this.apps = apps;
    }

    @Operation(operationId = "legacyLogin", summary = "Log in, the compatible way (existing mini programs)",
            description = "The endpoint existing mini programs already call, unchanged: platCode is the wx.login() code, "
                    + "platUserInfoMap the optional encryptedData/iv (and rawData/signature). The answer is "
                    + "{code: 200, msg, userinfo} with userinfo as WeChat encrypted it, plus the four token fields. "
                    + "Errors keep this endpoint's own shape, LegacyErrorResponse: code is the HTTP status, error our code.")
    @ApiErrors(value = {ApiError.CODE_MISSING, ApiError.INVALID_FIELD, ApiError.DATA_SIGNATURE_INVALID, ApiError.APP_REQUIRED,
            ApiError.APP_UNKNOWN, ApiError.WX_CODE_INVALID, ApiError.WX_CODE_USED, ApiError.WX_USER_BLOCKED,
            ApiError.WX_RATE_LIMITED, ApiError.RATE_LIMITED, ApiError.USER_DISABLED},
            families = {ApiErrors.Family.ENCRYPTED_DATA, ApiErrors.Family.WECHAT})
    @PostMapping(path = "/user/wxlogin", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    LegacyLoginResponse login(@RequestBody LegacyLoginRequest request, HttpServletRequest http, RequestOrigin origin) {
        PlatUserInfo info = request.platUserInfoMap() == null ? new PlatUserInfo(null, null, null, null) : request.platUserInfoMap();
        LoginCommand command = LoginCommand.weChat(request.platCode(), info.encryptedData(), info.iv(), info.rawData(), info.signature());
        LoginResult result = logins.login(MiniProgramApp.of(apps.select(http)), command, origin);
        Object userinfo = result.userInfo() != null ? result.userInfo().payload() : storedUserInfo(result.user());
        TokenPair tokens = result.tokens();
        return new LegacyLoginResponse(200, "登录成功", userinfo, tokens.accessToken(), tokens.refreshToken(),
                tokens.expiresIn(), tokens.tokenType());
    }

    /** The same fields WeChat's user info has, from what we stored, for a login without encrypted data. */
    private static Map<String, Object> storedUserInfo(UserAccount user) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("openId", user.openid());
        info.put("nickName", user.profile().nickname());
        info.put("gender", user.profile().gender());
        info.put("language", user.profile().language());
        info.put("city", user.profile().city());
        info.put("province", user.profile().province());
        info.put("country", user.profile().country());
        info.put("avatarUrl", user.profile().avatarUrl());
        if (user.unionid() != null) {
            info.put("unionId", user.unionid());
        }
        return info;
    }
}
