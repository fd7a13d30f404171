package dev.wxlogin.server.login;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.wxlogin.server.app.AppSelector;
import dev.wxlogin.server.token.TokenPair;
import dev.wxlogin.server.user.UserView;

/** {@code POST /api/v1/login}: the versioned login for new clients. */
@RestController
class LoginController {

    /**
     * What the page sends. Only {@code code} is required: current WeChat gives little else.
     */
    record LoginRequest(String code, String encryptedData, String iv, String rawData, String signature) {

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

    @PostMapping(path = "/api/v1/login", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    LoginResponse login(@RequestBody LoginRequest request, HttpServletRequest http) {
        LoginResult result = logins.login(apps.select(http), new LoginCommand(
                request.code(), request.encryptedData(), request.iv(), request.rawData(), request.signature()), http.getRemoteAddr());
        return LoginResponse.of(result);
    }
}
