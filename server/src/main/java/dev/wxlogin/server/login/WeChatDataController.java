package dev.wxlogin.server.login;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.security.AuthenticatedUser;
import dev.wxlogin.server.user.ActiveAccounts;
import dev.wxlogin.server.user.UserAccount;
import dev.wxlogin.server.user.UserStore;
import dev.wxlogin.wechat.SessionKey;
import dev.wxlogin.wechat.WeChatApp;
import dev.wxlogin.wechat.crypto.DecryptedData;
import dev.wxlogin.wechat.crypto.EncryptedDataDecryptor;

/**
 * {@code POST /api/v1/wx/decrypt}: decrypts what mini program APIs hand the page after login (run
 * data, share info, the legacy phone number) with the session_key kept on the server since the
 * caller's latest login, with the same strict checks as at login. The key never leaves the server.
 */
@RestController
class WeChatDataController {

    /** An {@code encryptedData}/{@code iv} pair as the page received it. */
    record DecryptRequest(String encryptedData, String iv) {
    }

    /** @param data the decrypted JSON object, watermark included */
    record DecryptResponse(Object data) {
    }

    private final WeChatApp app;
    private final EncryptedDataDecryptor decryptor;
    private final ActiveAccounts accounts;
    private final UserStore users;

    WeChatDataController(WeChatApp app, EncryptedDataDecryptor decryptor, ActiveAccounts accounts, UserStore users) {
        this.app = app;
        this.decryptor = decryptor;
        this.accounts = accounts;
        this.users = users;
    }

    @PostMapping(path = "/api/v1/wx/decrypt", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    DecryptResponse decrypt(@AuthenticationPrincipal Jwt jwt, @RequestBody DecryptRequest request) {
        if (request.encryptedData() == null || request.iv() == null) {
            throw new ApiException(ApiError.INVALID_FIELD, "encryptedData and iv are required");
        }
        UserAccount user = accounts.require(AuthenticatedUser.of(jwt).userId());
        SessionKey sessionKey = users.sessionKey(user.id()).orElseThrow(() -> new ApiException(ApiError.SESSION_KEY_MISSING));
        DecryptedData data = decryptor.decrypt(app.appid(), sessionKey, request.encryptedData(), request.iv());
        String openid = data.text("openId");
        if (openid != null && !openid.equals(user.openid())) {
            throw new ApiException(ApiError.DATA_OPENID_MISMATCH);
        }
        return new DecryptResponse(data.payload());
    }
}
