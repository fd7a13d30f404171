package dev.wxlogin.server.phone;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.wxlogin.server.app.MiniProgramApp;
import dev.wxlogin.server.config.WxLoginProperties;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiErrorMapping;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.login.SessionKeyHealth;
import dev.wxlogin.server.phone.PhoneCodeExchanges.Exchange;
import dev.wxlogin.server.platform.PlatformPhoneNumbers;
import dev.wxlogin.server.platform.VerifiedPhoneNumber;
import dev.wxlogin.server.user.BoundPhone;
import dev.wxlogin.server.user.PhoneView;
import dev.wxlogin.server.user.UserAccount;
import dev.wxlogin.server.user.UserStore;
import dev.wxlogin.wechat.SessionKey;
import dev.wxlogin.wechat.WeChatApp;
import dev.wxlogin.wechat.api.WeChatApiException;
import dev.wxlogin.wechat.crypto.DecryptedData;
import dev.wxlogin.wechat.crypto.DecryptionException;
import dev.wxlogin.wechat.crypto.EncryptedDataDecryptor;
import dev.wxlogin.wechat.phone.PhoneNumber;
import dev.wxlogin.wechat.phone.PhoneNumberClient;
import dev.wxlogin.server.outage.WeChatCallRefusedException;
import dev.wxlogin.server.outage.WeChatGuard;

/**
 * Binds a phone number to a user: on WeChat from the {@code getPhoneNumber} button's code or from the
 * legacy button's encrypted data; on QQ and Douyin from the button's encrypted data; on Alipay from
 * {@code my.getPhoneNumber}'s signed response.
 *
 * <p>{@code getuserphonenumber} costs money and its code is single-use, so each code is sent to
 * WeChat at most once: the request that claims the code in {@link PhoneCodeExchanges} calls
 * WeChat and records the outcome; a retry with the same code (sequential or concurrent, on any
 * instance) waits briefly for that outcome and answers it. Every outcome is final for its code,
 * failures included: the user gets a new code by tapping the button again. An exchange left
 * PENDING longer than {@code wxlogin.phone.pending-timeout} (its request crashed) is released as
 * PHONE_CODE_ABANDONED, so that its retries end too.
 */
@Service
public class PhoneBinding {

    private static final Logger LOG = LoggerFactory.getLogger(PhoneBinding.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final PhoneNumberClient phoneNumbers;
    private final PhoneCodeExchanges exchanges;
    private final UserStore users;
    private final EncryptedDataDecryptor decryptor;
    private final SessionKeyHealth sessionKeys;
    private final Duration waitForOther;
    private final WeChatGuard weChat;
    private final Duration pendingTimeout;
    private final Clock clock;
    private final PlatformPhoneNumbers platformNumbers;

    PhoneBinding(PhoneNumberClient phoneNumbers, PhoneCodeExchanges exchanges, UserStore users, EncryptedDataDecryptor decryptor,
                 SessionKeyHealth sessionKeys, WxLoginProperties properties, WeChatGuard weChat, Clock clock,
                 PlatformPhoneNumbers platformNumbers) {
        this.clock = clock;
        this.platformNumbers = platformNumbers;
        this.phoneNumbers = phoneNumbers;
        this.exchanges = exchanges;
        this.users = users;
        this.decryptor = decryptor;
        this.sessionKeys = sessionKeys;
        this.weChat = weChat;
        // Long enough for the other request's WeChat call to end, short enough to hold no thread for long.
        this.waitForOther = properties.wechat().requestTimeout().plusSeconds(2);
        // A request still waiting for WeChat must never be taken for a crashed one.
        Duration configured = properties.phone().pendingTimeout();
        this.pendingTimeout = configured.compareTo(waitForOther) < 0 ? waitForOther : configured;
    }

    /**
     * Exchanges a phone code for the user's number and binds it; a code seen before is answered
     * from its recorded outcome without calling WeChat.
     *
     * @throws ApiException PHONE_CODE_OTHER_USER, PHONE_CODE_IN_PROGRESS, WX_PHONE_CODE_INVALID, or the
     *                      recorded failure of an earlier attempt with this code
     */
    public PhoneView bindByCode(WeChatApp app, UserAccount user, String code, boolean reveal) {
        if (!exchanges.claim(app.appid(), code, user.id(), clock.instant())) {
            return recordedOutcome(app, user, code, reveal);
        }
        PhoneNumber number;
        try {
            number = weChat.call(() -> phoneNumbers.exchange(app, code, user.openid()));
        } catch (WeChatCallRefusedException e) {
            // WeChat never saw the code: the client may send it again.
            exchanges.release(app.appid(), code);
            throw e;
        } catch (RuntimeException e) {
            ApiError error = phoneCodeError(e);
            exchanges.failed(app.appid(), code, error.name(), clock.instant());
            LOG.info("phone code exchange failed appid={} user={}: {}", app.appid(), user.id(), error);
            throw error == ApiErrorMapping.of(e) ? e : new ApiException(error);
        }
        BoundPhone phone = bind(user, number);
        exchanges.succeeded(app.appid(), code, phone.masked(), phone.countryCode(), phone.verifiedAt());
        return reveal ? PhoneView.revealed(phone) : PhoneView.masked(phone);
    }

    /**
     * Binds the number from the legacy button's encryptedData, decrypted with the session_key of the
     * user's latest login (watermark checked: this app, fresh). No call to WeChat, unless decryption
     * fails: then {@code checksession} tells a stale key (WX_SESSION_KEY_STALE); every other failure,
     * a plaintext that is not a phone number included, is one answer (DATA_DECRYPT_FAILED).
     */
    public PhoneView bindEncrypted(WeChatApp app, UserAccount user, String encryptedData, String iv, boolean reveal) {
        SessionKey key = users.sessionKey(user.id()).orElseThrow(() -> new ApiException(ApiError.SESSION_KEY_MISSING));
        PhoneNumber number;
        try {
            DecryptedData data = decryptor.decrypt(app.appid(), key, encryptedData, iv);
            number = PhoneNumber.fromDecrypted(data);
        } catch (DecryptionException e) {
            throw sessionKeys.decryptionFailure(app, user, key, e);
        }
        BoundPhone phone = bind(user, number);
        return reveal ? PhoneView.revealed(phone) : PhoneView.masked(phone);
    }

    /**
     * Binds the number from a QQ or Douyin getPhoneNumber button's encryptedData, decrypted with the
     * session key of the user's latest login (watermark checked: this app, fresh). Neither platform is
     * asked whether the key is stale: every failure after decryption is DATA_DECRYPT_FAILED.
     *
     * @throws ApiException SESSION_KEY_MISSING, DATA_IV_INVALID, DATA_ENCRYPTED_INVALID, DATA_DECRYPT_FAILED
     */
    public PhoneView bindEncrypted(MiniProgramApp app, UserAccount user, String encryptedData, String iv, boolean reveal) {
        SessionKey key = users.sessionKey(user.id()).orElseThrow(() -> new ApiException(ApiError.SESSION_KEY_MISSING));
        BoundPhone phone = bind(user, platformNumbers.fromEncryptedData(app, key, encryptedData, iv));
        return reveal ? PhoneView.revealed(phone) : PhoneView.masked(phone);
    }

    /**
     * Binds the number in Alipay's {@code my.getPhoneNumber} {@code response}, verified with Alipay's
     * public key and decrypted with the app's content key.
     *
     * @throws ApiException ALIPAY_PHONE_INVALID, ALIPAY_PHONE_NOT_AUTHORIZED, ALIPAY_PHONE_NOT_CONFIGURED
     */
    public PhoneView bindAlipay(MiniProgramApp app, UserAccount user, String response, boolean reveal) {
        BoundPhone phone = bind(user, platformNumbers.fromAlipayResponse(app, response));
        return reveal ? PhoneView.revealed(phone) : PhoneView.masked(phone);
    }

    private BoundPhone bind(UserAccount user, VerifiedPhoneNumber number) {
        BoundPhone phone = new BoundPhone(number.phoneNumber(), number.purePhoneNumber(), number.countryCode(), clock.instant());
        users.bindPhone(user.id(), phone);
        LOG.info("phone bound user={} platform={} phone={}", user.id(), number.platform().wireName(), phone);
        return phone;
    }

    private BoundPhone bind(UserAccount user, PhoneNumber number) {
        BoundPhone phone = new BoundPhone(number.phoneNumber(), number.purePhoneNumber(), number.countryCode(), clock.instant());
        users.bindPhone(user.id(), phone);
        LOG.info("phone bound user={} phone={}", user.id(), phone);
        return phone;
    }

    /** Another request claimed the code: wait for its outcome (bounded) and answer that. */
    private PhoneView recordedOutcome(WeChatApp app, UserAccount user, String code, boolean reveal) {
        // Waiting for another thread is measured in elapsed time, not on the service's clock.
        long deadline = System.nanoTime() + waitForOther.toNanos();
        while (true) {
            Exchange exchange = exchanges.find(app.appid(), code)
                    .orElseThrow(() -> new IllegalStateException("a claimed phone code has no row"));
            if (exchange.userId() != user.id()) {
                throw new ApiException(ApiError.PHONE_CODE_OTHER_USER);
            }
            switch (exchange.state()) {
                case DONE -> {
                    BoundPhone current = users.findById(user.id()).map(UserAccount::phone).orElse(null);
                    if (reveal && current != null) {
                        return PhoneView.revealed(current);
                    }
                    return new PhoneView(exchange.maskedNumber(), null, exchange.countryCode(), exchange.completedAt(), true);
                }
                case FAILED -> throw new ApiException(recordedError(exchange.errorCode()));
                case PENDING -> {
                    Instant now = clock.instant();
                    if (exchange.createdAt().isBefore(now.minus(pendingTimeout))) {
                        if (exchanges.releaseAbandoned(app.appid(), code, now.minus(pendingTimeout),
                                ApiError.PHONE_CODE_ABANDONED.name(), now)) {
                            LOG.warn("phone code exchange of user {} was left pending since {}: released", user.id(),
                                    exchange.createdAt());
                        }
                        continue;
                    }
                    if (System.nanoTime() - deadline > 0) {
                        throw new ApiException(ApiError.PHONE_CODE_IN_PROGRESS);
                    }
                    pause();
                }
            }
        }
    }

    /** A phone code WeChat refuses is the phone button's business, not wx.login's. */
    private static ApiError phoneCodeError(RuntimeException e) {
        if (e instanceof WeChatApiException w) {
            switch (w.error()) {
                case INVALID_CODE, CODE_ALREADY_USED -> {
                    return ApiError.WX_PHONE_CODE_INVALID;
                }
                default -> {
                    return ApiErrorMapping.of(e);
                }
            }
        }
        return ApiErrorMapping.of(e);
    }

    private static ApiError recordedError(String code) {
        try {
            return ApiError.valueOf(code);
        } catch (IllegalArgumentException renamedSince) {
            return ApiError.WX_ERROR;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ApiError.PHONE_CODE_IN_PROGRESS);
        }
    }
}
