package dev.wxlogin.server.login;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/login}: the versioned login for new clients. */
@RestController
class LoginController {

    /**
     * What the page sends. Only {@code code} is required: current WeChat gives little else.
     */
    record LoginRequest(String code, String encryptedData, String iv, String rawData, String signature) {
    }

    /**
     * @param user    the user as stored
     * @param newUser whether this login created the user
     */
    record LoginResponse(UserView user, boolean newUser) {
    }

    private final LoginService logins;

    LoginController(LoginService logins) {
        this.logins = logins;
    }

    @PostMapping(path = "/api/v1/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    LoginResponse login(@RequestBody LoginRequest request, HttpServletRequest http) {
        LoginResult result = logins.login(new LoginCommand(
                request.code(), request.encryptedData(), request.iv(), request.rawData(), request.signature()), http.getRemoteAddr());
        return new LoginResponse(UserView.of(result.user()), result.created());
    }
}
