package dev.wxlogin.server.login;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiErrors;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.ratelimit.LoginRateLimiter;
import dev.wxlogin.server.ratelimit.UserAction;
import dev.wxlogin.server.user.Caller;
import dev.wxlogin.server.user.UserAccount;
import dev.wxlogin.server.user.UserStore;
import dev.wxlogin.wechat.SessionKey;
import dev.wxlogin.server.app.MiniProgramApp;
import dev.wxlogin.server.app.Platform;
import dev.wxlogin.wechat.crypto.DecryptedData;
import dev.wxlogin.wechat.crypto.DecryptionException;
import dev.wxlogin.wechat.crypto.EncryptedDataDecryptor;

/**
 * {@code POST /api/v1/wx/decrypt}: decrypts what mini program APIs hand the page after login (run
 * data, share info, the legacy phone number) with the session_key kept on the server since the
 * caller's latest login, with the same strict checks as at login. The key never leaves the server.
 */
@RestController
@Tag(name = "WeChat session")
class WeChatDataController {

    /** An {@code encryptedData}/{@code iv} pair as the page received it. */
    record DecryptRequest(String encryptedData, String iv) {

        @Override
        public String toString() {
            return "DecryptRequest[encryptedData=***, iv=***]";
        }
    }

    /** @param data the decrypted JSON object, watermark included */
    record DecryptResponse(@Schema(types = "object", description = "the decrypted JSON object, watermark included") Object data) {

        @Override
        public String toString() {
            return "DecryptResponse[data=***]";
        }
    }

    private final EncryptedDataDecryptor decryptor;
    private final UserStore users;
    private final SessionKeyHealth sessionKeys;
    private final LoginRateLimiter rateLimits;

    WeChatDataController(EncryptedDataDecryptor decryptor, UserStore users, SessionKeyHealth sessionKeys,
                         LoginRateLimiter rateLimits) {
        this.rateLimits = rateLimits;
        this.decryptor = decryptor;
        this.users = users;
        this.sessionKeys = sessionKeys;
    }

    /**
     * Every failure after decryption is one answer, DATA_DECRYPT_FAILED, or WX_SESSION_KEY_STALE
     * when WeChat says our key is stale (call wx.login again): no decryption oracle.
     */
    @Operation(operationId = "decryptWeChatData", summary = "Decrypt encryptedData from a mini program API",
            description = "Decrypts what mini program APIs hand the page (run data, share info, the legacy phone number) "
                    + "with the session_key of the caller's latest login, with the checks of a login (watermark of this "
                    + "app, freshness, the caller's openId). Data encrypted before a newer wx.login() answers "
                    + "WX_SESSION_KEY_STALE when WeChat confirms the key is stale, else DATA_DECRYPT_FAILED. WeChat, QQ and "
                    + "Douyin mini programs (the same scheme); Alipay has no session key (PLATFORM_UNSUPPORTED).")
    @SecurityRequirement(name = "bearer")
    @ApiErrors(value = {ApiError.INVALID_FIELD, ApiError.SESSION_KEY_MISSING, ApiError.WX_SESSION_KEY_STALE, ApiError.RATE_LIMITED,
            ApiError.PLATFORM_UNSUPPORTED},
            families = {ApiErrors.Family.ENCRYPTED_DATA, ApiErrors.Family.ACCOUNT})
    @PostMapping(path = "/api/v1/wx/decrypt", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    DecryptResponse decrypt(Caller caller, @RequestBody DecryptRequest request) {
        if (request.encryptedData() == null || request.iv() == null) {
            throw new ApiException(ApiError.INVALID_FIELD, "encryptedData and iv are required");
        }
        UserAccount user = caller.user();
        rateLimits.checkUserAction(UserAction.DECRYPT, user.id());
        MiniProgramApp app = caller.app();
        if (app.platform() == Platform.ALIPAY) {
            throw new ApiException(ApiError.PLATFORM_UNSUPPORTED, "Alipay has no session key to decrypt with");
        }
        SessionKey sessionKey = users.sessionKey(user.id()).orElseThrow(() -> new ApiException(ApiError.SESSION_KEY_MISSING));
        DecryptedData data;
        try {
            // QQ's and Douyin's encryptedData are WeChat's scheme (AES-128-CBC under the session key, the appid's watermark).
            data = decryptor.decrypt(app.appid(), sessionKey, request.encryptedData(), request.iv());
        } catch (DecryptionException e) {
            // Only WeChat can say whether our key went stale (checksession).
            throw app.platform() == Platform.WECHAT ? sessionKeys.decryptionFailure(app.weChatApp(), user, sessionKey, e) : e;
        }
        String openid = data.text("openId");
        if (openid != null && !openid.equals(user.openid())) {
            throw new ApiException(ApiError.DATA_OPENID_MISMATCH);
        }
        return new DecryptResponse(data.payload());
    }
}
