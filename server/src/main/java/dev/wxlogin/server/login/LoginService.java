package dev.wxlogin.server.login;

import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.wxlogin.server.audit.AuditEvent;
import dev.wxlogin.server.audit.AuditEventType;
import dev.wxlogin.server.audit.AuditLog;
import dev.wxlogin.server.audit.RequestOrigin;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiErrorMapping;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.app.MiniProgramApp;
import dev.wxlogin.server.app.Platform;
import dev.wxlogin.server.platform.CodeExchanges;
import dev.wxlogin.server.platform.LoginCodes;
import dev.wxlogin.server.platform.PlatformSession;
import dev.wxlogin.server.ratelimit.LoginRateLimiter;
import dev.wxlogin.server.session.LoginSessions;
import dev.wxlogin.server.token.TokenPair;
import dev.wxlogin.server.user.UserAccount;
import dev.wxlogin.server.user.UserLogin;
import dev.wxlogin.server.user.UserProfile;
import dev.wxlogin.server.user.UserStore;
import dev.wxlogin.wechat.SessionKey;
import dev.wxlogin.wechat.crypto.DecryptedData;
import dev.wxlogin.wechat.crypto.EncryptedDataDecryptor;
import dev.wxlogin.wechat.crypto.RawDataSignature;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The login itself, on every platform: trade the platform's code (through the platform's outage guard), check
 * what the page sent against the new session_key (WeChat, QQ, Douyin), record the user, and start a login state
 * (access and refresh token). Nothing is stored unless every check passed; a disabled user is refused before
 * anything is recorded. What a login writes (the user, the session and its refresh token, the audit rows) is one
 * transaction: a login answered is a login recorded, and a login that cannot be recorded leaves nothing behind.
 */
@Service
class LoginService {

    private static final Logger LOG = LoggerFactory.getLogger(LoginService.class);

    private final CodeExchanges exchanges;
    private final EncryptedDataDecryptor decryptor;
    private final UserStore users;
    private final MeterRegistry meters;
    private final Counter successes;
    private final LoginRateLimiter rateLimiter;
    private final LoginSessions sessions;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    LoginService(CodeExchanges exchanges, EncryptedDataDecryptor decryptor, UserStore users,
                 MeterRegistry meters, LoginRateLimiter rateLimiter, LoginSessions sessions, AuditLog audit,
                 TransactionTemplate transactions, Clock clock) {
        this.clock = clock;
        this.exchanges = exchanges;
        this.decryptor = decryptor;
        this.users = users;
        this.meters = meters;
        this.successes = meters.counter("wxlogin.logins", "outcome", "success");
        this.rateLimiter = rateLimiter;
        this.sessions = sessions;
        this.audit = audit;
        this.transactions = transactions;
    }

    /**
     * @param app    the mini program the page belongs to, on its platform
     * @param origin where the request came from: the per-address rate limit, the session and the audit keep it
     * @throws ApiException before anything is called or audited: PLATFORM_MISMATCH when the command names another
     *                      platform than the app's; ENCRYPTED_DATA_UNSUPPORTED for encrypted data or rawData on
     *                      Alipay; INVALID_FIELD or CODE_MISSING for the codes of another platform or a malformed code
     */
    LoginResult login(MiniProgramApp app, LoginCommand command, RequestOrigin origin) {
        if (command.namedPlatform().filter(named -> named != app.platform()).isPresent()) {
            throw new ApiException(ApiError.PLATFORM_MISMATCH, "this app is a " + app.platform().wireName() + " one, not a "
                    + command.platform().wireName() + " one");
        }
        if (app.platform() == Platform.ALIPAY && (command.hasEncryptedData() || command.hasRawData())) {
            throw new ApiException(ApiError.ENCRYPTED_DATA_UNSUPPORTED);
        }
        LoginCodes codes = command.codesFor(app.platform());
        try {
            rateLimiter.checkClientIp(origin.clientAddress());
            LoginResult result = loginOnce(app, codes, command, origin);
            successes.increment();
            // Every login is in the audit log and the metrics; a line each would flood the log at load.
            LOG.debug("login platform={} appid={} user={} new={}", app.platform().wireName(), app.appid(), result.user().id(),
                    result.created());
            return result;
        } catch (RuntimeException e) {
            String outcome = ApiErrorMapping.of(e).name();
            meters.counter("wxlogin.logins", "outcome", outcome).increment();
            LOG.info("login failed on {}: {}", app.platform().wireName(), outcome);
            audit.record(AuditEvent.of(origin, AuditEventType.LOGIN, outcome, app.appid(), null, null));
            throw e;
        }
    }

    private LoginResult loginOnce(MiniProgramApp app, LoginCodes codes, LoginCommand command, RequestOrigin origin) {
        PlatformSession session = exchanges.exchange(app, codes);
        Optional<UserAccount> known = users.findByOpenid(session.platform(), app.appid(), session.openid());
        if (known.map(UserAccount::disabled).orElse(false)) {
            throw new ApiException(ApiError.USER_DISABLED);
        }

        DecryptedData userInfo = null;
        // Alipay (no session key) never gets here with encrypted data: refused above.
        SessionKey sessionKey = session.sessionKey().orElse(null);
        if (command.hasEncryptedData() && sessionKey != null) {
            userInfo = decryptor.decrypt(app.appid(), sessionKey, command.encryptedData(), command.iv());
            String openid = userInfo.text("openId");
            if (openid != null && !openid.equals(session.openid())) {
                throw new ApiException(ApiError.DATA_OPENID_MISMATCH);
            }
        }
        if (command.hasRawData() && sessionKey != null) {
            RawDataSignature.verify(command.rawData(), command.signature(), sessionKey);
        }
        rateLimiter.checkUser(app.appid(), session.openid());
        UserProfile profile = userInfo == null ? null : UserProfile.fromUserInfo(userInfo);
        DecryptedData decrypted = userInfo;
        return transactions.execute(status -> {
            UserLogin login = users.recordLogin(session, profile, clock.instant(), known);
            TokenPair issued = sessions.start(login.user(), origin);
            AuditEvent logged = AuditEvent.of(origin, AuditEventType.LOGIN, AuditEvent.OK, app.appid(), login.user().id(), null);
            if (login.created()) {
                audit.append(AuditEvent.of(origin, AuditEventType.USER_CREATE, AuditEvent.OK, app.appid(), login.user().id(), null), logged);
            } else {
                audit.append(logged);
            }
            return new LoginResult(login.user(), login.created(), decrypted, issued);
        });
    }
}
