package dev.wxlogin.server.login;

import java.util.Optional;

import dev.wxlogin.server.app.Platform;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.platform.LoginCodes;
import dev.wxlogin.wechat.OneTimeCode;

/**
 * One login as the page sends it, its pairs checked: the platform it names (if any), the platform's codes,
 * optionally encrypted user info, optionally the rawData and its signature. Which codes a platform needs is
 * checked against the app's platform by {@link #codesFor(Platform)}.
 *
 * @param platform      the platform the body names; {@code null}: the app's
 * @param code          {@code wx.login()}'s, {@code qq.login()}'s or {@code tt.login()}'s code
 * @param anonymousCode Douyin only: {@code tt.login()}'s anonymousCode
 * @param authCode      Alipay only: {@code my.getAuthCode()}'s authCode
 */
record LoginCommand(Platform platform, String code, String anonymousCode, String authCode, String encryptedData, String iv,
                    String rawData, String signature) {

    LoginCommand {
        if ((encryptedData == null) != (iv == null)) {
            throw new ApiException(ApiError.INVALID_FIELD, "encryptedData and iv must be sent together");
        }
        if ((rawData == null) != (signature == null)) {
            throw new ApiException(ApiError.INVALID_FIELD, "rawData and signature must be sent together");
        }
    }

    /** A WeChat login as the compatible endpoint and WeChat pages send it: the code must look like {@code wx.login()}'s. */
    static LoginCommand weChat(String code, String encryptedData, String iv, String rawData, String signature) {
        if (!OneTimeCode.isWellFormed(code)) {
            throw new ApiException(ApiError.CODE_MISSING);
        }
        return new LoginCommand(Platform.WECHAT, code, null, null, encryptedData, iv, rawData, signature);
    }

    /**
     * A login of {@code POST /api/v1/login}.
     *
     * @param platformName the body's {@code platform}, or {@code null}
     * @throws ApiException INVALID_FIELD for a platform name that is no platform
     */
    static LoginCommand of(String platformName, String code, String anonymousCode, String authCode, String encryptedData, String iv,
                           String rawData, String signature) {
        Platform platform = null;
        if (platformName != null) {
            platform = Platform.fromWireName(platformName).orElseThrow(() -> new ApiException(ApiError.INVALID_FIELD,
                    "platform must be one of: " + Platform.wireNames()));
        }
        return new LoginCommand(platform, code, anonymousCode, authCode, encryptedData, iv, rawData, signature);
    }

    /** The platform the body names, if it names one. */
    Optional<Platform> namedPlatform() {
        return Optional.ofNullable(platform);
    }

    /**
     * The codes to exchange on {@code platform} (the app's).
     *
     * @throws ApiException INVALID_FIELD for a code field of another platform; CODE_MISSING for a WeChat code that
     *                      cannot be {@code wx.login()}'s (never sent to WeChat)
     */
    LoginCodes codesFor(Platform appPlatform) {
        if (anonymousCode != null && appPlatform != Platform.DOUYIN) {
            throw new ApiException(ApiError.INVALID_FIELD, "anonymousCode is Douyin's; this app is a " + appPlatform.wireName() + " one");
        }
        if (authCode != null && appPlatform != Platform.ALIPAY) {
            throw new ApiException(ApiError.INVALID_FIELD, "authCode is Alipay's; this app is a " + appPlatform.wireName() + " one");
        }
        return switch (appPlatform) {
            case WECHAT -> {
                if (!OneTimeCode.isWellFormed(code)) {
                    throw new ApiException(ApiError.CODE_MISSING);
                }
                yield LoginCodes.of(code);
            }
            case DOUYIN -> new LoginCodes(code, anonymousCode);
            case QQ -> LoginCodes.of(code);
            case ALIPAY -> {
                if (authCode != null && code != null) {
                    throw new ApiException(ApiError.INVALID_FIELD, "send the Alipay authCode once, as authCode");
                }
                yield LoginCodes.of(authCode != null ? authCode : code);
            }
        };
    }

    @Override
    public String toString() {
        return "LoginCommand[platform=" + (platform == null ? "app's" : platform.wireName()) + ", code=***, encryptedData="
                + (encryptedData == null ? null : "***") + ", rawData=" + (rawData == null ? null : "***") + "]";
    }

    boolean hasEncryptedData() {
        return encryptedData != null;
    }

    boolean hasRawData() {
        return rawData != null;
    }
}
