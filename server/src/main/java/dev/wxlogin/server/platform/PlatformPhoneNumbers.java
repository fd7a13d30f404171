package dev.wxlogin.server.platform;

import org.springframework.stereotype.Component;

import dev.wxlogin.alipay.phone.AlipayPhoneNumber;
import dev.wxlogin.alipay.phone.PhoneNumberDecryptor;
import dev.wxlogin.server.app.MiniProgramApp;
import dev.wxlogin.server.app.Platform;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiErrorMapping;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.wechat.SessionKey;
import dev.wxlogin.wechat.crypto.DecryptionException;
import dev.wxlogin.wechat.crypto.EncryptedDataDecryptor;
import dev.wxlogin.wechat.phone.PhoneNumber;

/**
 * A phone number from what each platform's page gives: on WeChat (the legacy button), QQ and Douyin,
 * {@code encryptedData}/{@code iv} decrypted with the user's session key (watermark checked: this app,
 * fresh); on Alipay, {@code my.getPhoneNumber}'s {@code response}, verified with Alipay's public key and
 * decrypted with the app's content key. Calls no platform. Binding the number to a user is the caller's.
 */
@Component
public class PlatformPhoneNumbers {

    private final EncryptedDataDecryptor decryptor;
    private final PhoneNumberDecryptor alipay;

    PlatformPhoneNumbers(EncryptedDataDecryptor decryptor, PhoneNumberDecryptor alipay) {
        this.decryptor = decryptor;
        this.alipay = alipay;
    }

    /**
     * The number in the getPhoneNumber button's encrypted data, on WeChat, QQ or Douyin.
     *
     * @param sessionKey the session key of the user's latest login in {@code app}
     * @throws ApiException DATA_IV_INVALID, DATA_ENCRYPTED_INVALID, or DATA_DECRYPT_FAILED for every failure
     *                      after decryption (one answer: no padding oracle); INVALID_FIELD for an Alipay app
     */
    public VerifiedPhoneNumber fromEncryptedData(MiniProgramApp app, SessionKey sessionKey, String encryptedData, String iv) {
        if (app.platform() == Platform.ALIPAY) {
            throw new ApiException(ApiError.INVALID_FIELD, "an Alipay phone number is my.getPhoneNumber's response, not encryptedData");
        }
        try {
            PhoneNumber number = PhoneNumber.fromDecrypted(decryptor.decrypt(app.appid(), sessionKey, encryptedData, iv));
            return new VerifiedPhoneNumber(app.platform(), app.appid(), number.phoneNumber(), number.purePhoneNumber(), number.countryCode());
        } catch (DecryptionException e) {
            throw new ApiException(ApiErrorMapping.of(e.reason()));
        }
    }

    /**
     * The number in Alipay's {@code my.getPhoneNumber} {@code response} string, as the page received it.
     *
     * @throws ApiException ALIPAY_PHONE_INVALID (not that string, or its signature does not verify),
     *                      ALIPAY_PHONE_NOT_AUTHORIZED (Alipay gave an error instead of the number),
     *                      ALIPAY_PHONE_NOT_CONFIGURED (unsigned, or our content key is missing or wrong),
     *                      INVALID_FIELD for an app of another platform
     */
    public VerifiedPhoneNumber fromAlipayResponse(MiniProgramApp app, String response) {
        if (app.platform() != Platform.ALIPAY) {
            throw new ApiException(ApiError.INVALID_FIELD, "only an Alipay app's phone number comes as my.getPhoneNumber's response");
        }
        if (response == null || response.isBlank()) {
            throw new ApiException(ApiError.ALIPAY_PHONE_INVALID);
        }
        try {
            AlipayPhoneNumber number = alipay.decrypt(app.alipayApp(), response);
            return new VerifiedPhoneNumber(Platform.ALIPAY, app.appid(), number.mobile(), number.mobile(), "86");
        } catch (RuntimeException e) {
            ApiError error = ApiErrorMapping.of(e);
            if (error == ApiError.INTERNAL_ERROR) {
                throw e;
            }
            throw new ApiException(error);
        }
    }
}
