package dev.wxlogin.server.login;

import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.wxlogin.server.audit.AuditEvent;
import dev.wxlogin.server.audit.AuditEventType;
import dev.wxlogin.server.audit.AuditLog;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiErrorMapping;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.outage.WeChatGuard;
import dev.wxlogin.server.ratelimit.LoginRateLimiter;
import dev.wxlogin.server.token.TokenPair;
import dev.wxlogin.server.token.TokenService;
import dev.wxlogin.server.user.UserAccount;
import dev.wxlogin.server.user.UserLogin;
import dev.wxlogin.server.user.UserProfile;
import dev.wxlogin.server.user.UserStore;
import dev.wxlogin.wechat.WeChatApp;
import dev.wxlogin.wechat.crypto.DecryptedData;
import dev.wxlogin.wechat.crypto.EncryptedDataDecryptor;
import dev.wxlogin.wechat.crypto.RawDataSignature;
import dev.wxlogin.wechat.session.Code2SessionClient;
import dev.wxlogin.wechat.session.WeChatSession;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The login itself: trade the code, check what the page sent against the new session_key, record
 * the user, and start a login state (access and refresh token). Nothing is stored unless every
 * check passed; a disabled user is refused before anything is recorded.
 */
@Service
class LoginService {

    private static final Logger LOG = LoggerFactory.getLogger(LoginService.class);

    private final Code2SessionClient code2Session;
    private final EncryptedDataDecryptor decryptor;
    private final UserStore users;
    private final MeterRegistry meters;
    private final Counter successes;
    private final LoginRateLimiter rateLimiter;
    private final TokenService tokens;
    private final AuditLog audit;
    private final WeChatGuard weChat;
    private final Clock clock;

    LoginService(Code2SessionClient code2Session, EncryptedDataDecryptor decryptor, UserStore users,
                 MeterRegistry meters, LoginRateLimiter rateLimiter, TokenService tokens, AuditLog audit, WeChatGuard weChat,
                 Clock clock) {
        this.clock = clock;
        this.code2Session = code2Session;
        this.decryptor = decryptor;
        this.users = users;
        this.meters = meters;
        this.successes = meters.counter("wxlogin.logins", "outcome", "success");
        this.rateLimiter = rateLimiter;
        this.tokens = tokens;
        this.audit = audit;
        this.weChat = weChat;
    }

    /**
     * @param app      the mini program the page belongs to
     * @param clientIp the caller's address, for the per-address rate limit
     */
    LoginResult login(WeChatApp app, LoginCommand command, String clientIp) {
        try {
            rateLimiter.checkClientIp(clientIp);
            LoginResult result = loginOnce(app, command);
            successes.increment();
            // Every login is in the audit log and the metrics; a line each would flood the log at load.
            LOG.debug("login appid={} user={} new={}", app.appid(), result.user().id(), result.created());
            if (result.created()) {
                audit.record(AuditEvent.of(AuditEventType.USER_CREATE, AuditEvent.OK, app.appid(), result.user().id(), null));
            }
            audit.record(AuditEvent.of(AuditEventType.LOGIN, AuditEvent.OK, app.appid(), result.user().id(), null));
            return result;
        } catch (RuntimeException e) {
            String outcome = ApiErrorMapping.of(e).name();
            meters.counter("wxlogin.logins", "outcome", outcome).increment();
            LOG.info("login failed: {}", outcome);
            audit.record(AuditEvent.of(AuditEventType.LOGIN, outcome, app.appid(), null, null));
            throw e;
        }
    }

    private LoginResult loginOnce(WeChatApp app, LoginCommand command) {
        WeChatSession session = weChat.call(() -> code2Session.exchange(app, command.code()));
        Optional<UserAccount> known = users.findByOpenid(app.appid(), session.openid());
        if (known.map(UserAccount::disabled).orElse(false)) {
            throw new ApiException(ApiError.USER_DISABLED);
        }

        DecryptedData userInfo = null;
        if (command.hasEncryptedData()) {
            userInfo = decryptor.decrypt(app.appid(), session.sessionKey(), command.encryptedData(), command.iv());
            String openid = userInfo.text("openId");
            if (openid != null && !openid.equals(session.openid())) {
                throw new ApiException(ApiError.DATA_OPENID_MISMATCH);
            }
        }
        if (command.hasRawData()) {
            RawDataSignature.verify(command.rawData(), command.signature(), session.sessionKey());
        }
        rateLimiter.checkUser(app.appid(), session.openid());
        UserProfile profile = userInfo == null ? null : UserProfile.fromUserInfo(userInfo);
        UserLogin login = users.recordLogin(app.appid(), session, profile, clock.instant(), known);
        TokenPair issued = tokens.issueFor(login.user());
        return new LoginResult(login.user(), login.created(), userInfo, issued);
    }
}
