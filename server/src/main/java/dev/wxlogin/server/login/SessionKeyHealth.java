package dev.wxlogin.server.login;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiErrorMapping;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.outage.WeChatGuard;
import dev.wxlogin.server.user.UserAccount;
import dev.wxlogin.server.user.UserStore;
import dev.wxlogin.wechat.SessionKey;
import dev.wxlogin.wechat.WeChatApp;
import dev.wxlogin.wechat.crypto.DecryptionException;
import dev.wxlogin.wechat.session.SessionKeyChecker;

/**
 * Whether the session_key stored for a user is still the one WeChat holds ({@code checksession}):
 * a newer {@code wx.login} on the phone replaces it, and data encrypted after that cannot be
 * decrypted with ours. The key itself never leaves the server.
 */
@Component
public class SessionKeyHealth {

    private static final Logger LOG = LoggerFactory.getLogger(SessionKeyHealth.class);

    private final SessionKeyChecker checker;
    private final UserStore users;
    private final WeChatGuard weChat;

    SessionKeyHealth(SessionKeyChecker checker, UserStore users, WeChatGuard weChat) {
        this.checker = checker;
        this.users = users;
        this.weChat = weChat;
    }

    private boolean isCurrent(WeChatApp app, UserAccount user, SessionKey key) {
        return weChat.call(() -> checker.isCurrent(app, user.openid(), key));
    }

    /**
     * @throws ApiException SESSION_KEY_MISSING when no key is stored, WX_SESSION_KEY_STALE when WeChat
     *                      no longer accepts it; WeChat's own failures propagate
     */
    public void requireCurrent(WeChatApp app, UserAccount user) {
        SessionKey key = users.sessionKey(user.id()).orElseThrow(() -> new ApiException(ApiError.SESSION_KEY_MISSING));
        if (!isCurrent(app, user, key)) {
            throw new ApiException(ApiError.WX_SESSION_KEY_STALE);
        }
    }

    /**
     * What to answer for encrypted data that failed with the stored key: WX_SESSION_KEY_STALE when
     * WeChat says the key is stale (the client must {@code wx.login} again), else the failure as it
     * was. WeChat is asked after every failure that {@link ApiErrorMapping#of(DecryptionException.Reason)}
     * answers as DATA_DECRYPT_FAILED alike, so the answer depends on the key alone, never on which
     * check the plaintext failed (no oracle).
     */
    public RuntimeException decryptionFailure(WeChatApp app, UserAccount user, SessionKey key, DecryptionException failure) {
        if (ApiErrorMapping.of(failure.reason()) == ApiError.DATA_DECRYPT_FAILED && isStale(app, user, key).orElse(false)) {
            LOG.info("encrypted data of user {} refused ({}) and its session_key is stale", user.id(), failure.reason());
            return new ApiException(ApiError.WX_SESSION_KEY_STALE);
        }
        return failure;
    }

    /**
     * Whether WeChat says the stored key is stale. Empty when that cannot be told, e.g. WeChat is
     * unreachable.
     */
    private Optional<Boolean> isStale(WeChatApp app, UserAccount user, SessionKey key) {
        try {
            return Optional.of(!isCurrent(app, user, key));
        } catch (RuntimeException e) {
            LOG.info("could not check the session_key of user {}: {}", user.id(), ApiErrorMapping.of(e));
            return Optional.empty();
        }
    }
}
