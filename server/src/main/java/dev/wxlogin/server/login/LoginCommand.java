package dev.wxlogin.server.login;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.wechat.OneTimeCode;

/**
 * One login as the page sends it, validated: a code, optionally encrypted user info, optionally
 * the rawData and its signature.
 */
record LoginCommand(String code, String encryptedData, String iv, String rawData, String signature) {

    LoginCommand {
        if (!OneTimeCode.isWellFormed(code)) {
            throw new ApiException(ApiError.CODE_MISSING);
        }
        if ((encryptedData == null) != (iv == null)) {
            throw new ApiException(ApiError.INVALID_FIELD, "encryptedData and iv must be sent together");
        }
        if ((rawData == null) != (signature == null)) {
            throw new ApiException(ApiError.INVALID_FIELD, "rawData and signature must be sent together");
        }
    }

    @Override
    public String toString() {
        return "LoginCommand[code=***, encryptedData=" + (encryptedData == null ? null : "***")
                + ", rawData=" + (rawData == null ? null : "***") + "]";
    }

    boolean hasEncryptedData() {
        return encryptedData != null;
    }

    boolean hasRawData() {
        return rawData != null;
    }
}
