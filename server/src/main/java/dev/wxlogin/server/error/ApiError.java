package dev.wxlogin.server.error;

import java.time.Duration;
import java.util.Optional;

import org.springframework.http.HttpStatus;

/**
 * Every error the API can answer: a stable code, its HTTP status, and a message in English and
 * Chinese. The README's error table is this enum; keep them in step.
 */
public enum ApiError {
    // ---- the request itself
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "The request is malformed (its path, headers or encoding).", "请求格式错误"),
    MALFORMED_BODY(HttpStatus.BAD_REQUEST, "The request body is not valid JSON of the expected shape.", "请求体不是有效的 JSON"),
    CODE_MISSING(HttpStatus.BAD_REQUEST, "The login code from wx.login() is missing or malformed.", "缺少登录凭证 code"),
    INVALID_FIELD(HttpStatus.BAD_REQUEST, "A field of the request is invalid.", "请求参数无效"),
    REQUEST_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "The request body is too large.", "请求体过大"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.", "请使用 application/json 提交"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "This endpoint answers application/json; accept it.", "该接口仅返回 application/json"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "This method is not allowed here.", "不支持该请求方法"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "No such endpoint.", "接口不存在"),
    APP_REQUIRED(HttpStatus.BAD_REQUEST,
            "This service serves several mini programs: name yours in the X-WxLogin-AppId header.",
            "服务端配置了多个小程序，请通过 X-WxLogin-AppId 请求头指定 appid"),
    APP_UNKNOWN(HttpStatus.BAD_REQUEST, "This service does not serve the mini program named in the request.",
            "服务端未配置该小程序 appid"),
    PLATFORM_MISMATCH(HttpStatus.BAD_REQUEST,
            "The platform the login names is not the platform of the mini program it is for (X-WxLogin-AppId).",
            "登录请求的平台与小程序所属平台不一致"),
    ENCRYPTED_DATA_UNSUPPORTED(HttpStatus.BAD_REQUEST,
            "This platform's login carries no encrypted user data (Alipay has no session key): send the authCode alone, "
                    + "and the profile with PATCH /api/v1/me.",
            "该平台登录不支持 encryptedData，请只提交 authCode"),
    PLATFORM_UNSUPPORTED(HttpStatus.BAD_REQUEST, "This endpoint does not serve the platform of the caller's mini program.",
            "该接口不支持当前小程序所属平台"),

    // ---- encrypted data and signatures (what the page sent cannot be trusted)
    DATA_IV_INVALID(HttpStatus.BAD_REQUEST, "iv must be base64 of 16 bytes.", "iv 格式错误"),
    DATA_ENCRYPTED_INVALID(HttpStatus.BAD_REQUEST, "encryptedData is not valid base64 ciphertext.", "encryptedData 格式错误"),
    /**
     * Every failure that depends on the plaintext (padding, UTF-8, JSON, watermark, expected fields):
     * one answer, because telling them apart is a padding oracle. The reason is logged.
     */
    DATA_DECRYPT_FAILED(HttpStatus.BAD_REQUEST,
            "encryptedData could not be decrypted and verified with this login's session key (another session key, "
                    + "too old, or for another mini program); fetch it again after wx.login() and resend.",
            "解密或校验失败，请重新调用 wx.login 后重新获取数据"),
    DATA_SIGNATURE_INVALID(HttpStatus.BAD_REQUEST, "The rawData signature does not match.", "rawData 签名校验失败"),
    DATA_OPENID_MISMATCH(HttpStatus.BAD_REQUEST, "The encrypted data belongs to another user.", "加密数据与当前用户不匹配"),

    // ---- our login state
    TOKEN_MISSING(HttpStatus.UNAUTHORIZED, "Send the access token as 'Authorization: Bearer <token>'.", "缺少访问令牌，请先登录"),
    TOKEN_INVALID(HttpStatus.UNAUTHORIZED, "The access token is invalid; log in again.", "访问令牌无效，请重新登录"),
    TOKEN_EXPIRED(HttpStatus.UNAUTHORIZED, "The access token has expired; refresh it or log in again.", "访问令牌已过期，请刷新或重新登录"),
    REFRESH_TOKEN_INVALID(HttpStatus.UNAUTHORIZED, "The refresh token is unknown, expired or revoked; log in again.",
            "刷新令牌无效或已过期，请重新登录"),
    REFRESH_TOKEN_REUSED(HttpStatus.UNAUTHORIZED,
            "This refresh token was already used; for safety this login was ended on every device that shared it. Log in again.",
            "刷新令牌已被使用，为安全起见该登录已失效，请重新登录"),
    ACCESS_DENIED(HttpStatus.FORBIDDEN, "This token may not do that.", "无权访问"),
    TOKEN_WRONG_APP(HttpStatus.FORBIDDEN, "This access token belongs to another mini program than the one the request names.",
            "访问令牌不属于请求指定的小程序"),
    USER_DISABLED(HttpStatus.FORBIDDEN, "This account is disabled.", "该账号已被禁用"),
    USER_NOT_FOUND(HttpStatus.UNAUTHORIZED, "The user of this token no longer exists; log in again.", "用户不存在，请重新登录"),
    SESSION_REVOKED(HttpStatus.UNAUTHORIZED, "This login was ended (logged out, revoked or signed out everywhere); log in again.",
            "该登录已失效（已退出或被撤销），请重新登录"),
    SESSION_NOT_FOUND(HttpStatus.NOT_FOUND, "The caller has no active session with this id.", "会话不存在或已失效"),
    CLIENT_UNAUTHORIZED(HttpStatus.UNAUTHORIZED,
            "Authenticate as a configured resource server (HTTP Basic with its client id and secret).",
            "请使用已配置的资源服务器凭证（HTTP Basic）认证"),
    // ---- the admin API (/admin/api/v1)
    ADMIN_UNAUTHORIZED(HttpStatus.UNAUTHORIZED,
            "Admin credentials required: a console session, or an admin API key as 'Authorization: Bearer wxa_...'.",
            "需要管理员凭证（控制台登录或管理 API 密钥）"),
    ADMIN_CSRF_REJECTED(HttpStatus.FORBIDDEN, "The CSRF token of the console session is missing or wrong; reload the page.",
            "CSRF 令牌缺失或无效，请刷新页面"),
    ADMIN_NOT_FOUND(HttpStatus.NOT_FOUND, "No such user, session, API key or website.", "用户、会话、密钥或网站不存在"),
    ADMIN_WEBSITE_CONFIGURED(HttpStatus.CONFLICT,
            "This website is registered by configuration (wxlogin.oidc.clients), which is saved again at every start; change it there.",
            "该网站由配置（wxlogin.oidc.clients）注册，每次启动时都会按配置重新保存，请在配置中修改"),
    ADMIN_WEBSITE_PUBLIC(HttpStatus.CONFLICT, "This website is public (PKCE, no secret): it has no secret to replace.",
            "该网站为公开客户端（PKCE，无密钥），没有可更换的密钥"),

    SESSION_KEY_MISSING(HttpStatus.CONFLICT, "There is no WeChat session for this user; call wx.login() and log in again.",
            "没有该用户的微信会话，请重新调用 wx.login 登录"),

    WX_SESSION_KEY_STALE(HttpStatus.CONFLICT,
            "WeChat replaced this user's session key (a newer wx.login()); call wx.login() and log in again.",
            "session_key 已失效，请重新调用 wx.login 登录"),

    // ---- phone numbers
    PHONE_CODE_IN_PROGRESS(HttpStatus.CONFLICT, "This phone code is being exchanged by another request; retry shortly.",
            "该手机号凭证正在处理中，请稍后重试", Duration.ofSeconds(1)),
    PHONE_CODE_OTHER_USER(HttpStatus.CONFLICT, "This phone code was already used for another user.", "该手机号凭证已被其他用户使用"),
    WX_PHONE_CODE_INVALID(HttpStatus.BAD_REQUEST,
            "The phone code is invalid, expired or used; ask the user to tap the phone number button again.",
            "手机号凭证无效或已过期，请重新授权手机号"),
    PHONE_NOT_BOUND(HttpStatus.NOT_FOUND, "No phone number is bound to this user.", "该用户未绑定手机号"),
    PHONE_CODE_ABANDONED(HttpStatus.BAD_REQUEST,
            "An earlier exchange of this phone code was interrupted; ask the user to tap the phone number button again.",
            "该手机号凭证的处理已中断，请重新授权手机号"),
    PHONE_FORMAT_WRONG_PLATFORM(HttpStatus.BAD_REQUEST,
            "This platform gives the phone number in another shape: code or encryptedData and iv on WeChat, encryptedData and iv "
                    + "on QQ and Douyin, my.getPhoneNumber()'s response on Alipay.",
            "手机号数据格式与平台不符：微信为 code 或 encryptedData/iv，QQ 和抖音为 encryptedData/iv，支付宝为 my.getPhoneNumber 的 response"),

    // ---- linking one person's accounts on two platforms
    LINK_PROOF_EXPIRED(HttpStatus.CONFLICT,
            "Linking needs a phone number proved on this account in the last 10 minutes; bind the phone number again, then confirm.",
            "关联账号需在 10 分钟内验证过手机号，请重新绑定手机号后再确认"),
    LINK_CANDIDATE_NOT_FOUND(HttpStatus.CONFLICT,
            "No account of that mini program holds the phone number this account proved (or it cannot be linked).",
            "该小程序中没有持有相同手机号且可关联的账号"),
    LINK_SAME_PLATFORM(HttpStatus.BAD_REQUEST,
            "Accounts are linked across platforms only; on one platform the unionid links them.", "只能关联不同平台的账号"),
    LINK_NOT_FOUND(HttpStatus.NOT_FOUND, "This account is not linked to that user.", "未与该账号关联"),
    // ---- signing in to websites by scanning (the mini program's confirm page)
    WEB_LOGIN_TICKET_UNKNOWN(HttpStatus.NOT_FOUND, "This sign-in code is unknown; scan the code the website shows now.",
            "登录二维码无效，请扫描网页上当前显示的二维码"),
    WEB_LOGIN_TICKET_EXPIRED(HttpStatus.GONE, "This sign-in code has expired; reload the website's page for a new one.",
            "登录二维码已过期，请刷新网页获取新的二维码"),
    WEB_LOGIN_TICKET_USED(HttpStatus.CONFLICT, "This sign-in code was already confirmed, denied or used.",
            "该登录二维码已被确认、拒绝或使用"),
    WEB_LOGIN_TICKET_OTHER_USER(HttpStatus.CONFLICT, "This sign-in code was scanned by another user.",
            "该登录二维码已被其他用户扫描"),

    // ---- avatars
    AVATAR_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "The avatar image is too large.", "头像图片过大"),
    AVATAR_UNSUPPORTED_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The avatar must be a JPEG, PNG or WebP image.",
            "头像仅支持 JPEG、PNG 或 WebP 图片"),

    // ---- WeChat's answers
    WX_CODE_INVALID(HttpStatus.UNAUTHORIZED, "The login code is invalid or expired; call wx.login() again.", "登录凭证无效或已过期，请重新登录"),
    WX_CODE_USED(HttpStatus.UNAUTHORIZED, "The login code was already used; call wx.login() again.", "登录凭证已被使用，请重新登录"),
    WX_USER_BLOCKED(HttpStatus.FORBIDDEN, "WeChat blocked this login: the user is marked high-risk.", "该用户存在风险，微信已限制登录"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many requests (logins, or calls that reach WeChat); wait before trying again.",
            "请求过于频繁，请稍后再试"),
    WX_RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many logins for this user; try again in a minute.", "登录过于频繁，请稍后再试",
            Duration.ofSeconds(60)),
    WX_BUSY(HttpStatus.SERVICE_UNAVAILABLE, "WeChat is busy; try again shortly.", "微信系统繁忙，请稍后再试", Duration.ofSeconds(1)),
    WX_UNREACHABLE(HttpStatus.BAD_GATEWAY, "WeChat cannot be reached.", "无法连接微信服务器"),
    WX_BAD_RESPONSE(HttpStatus.BAD_GATEWAY, "WeChat answered something unexpected.", "微信服务器响应异常"),
    WX_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "WeChat did not answer in time.", "微信服务器响应超时"),
    WX_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE,
            "WeChat is failing or too many calls to it are in flight; WeChat was not called. Try again after Retry-After.",
            "微信服务暂不可用，请稍后再试", Duration.ofSeconds(1)),
    WX_CONFIG_REJECTED(HttpStatus.BAD_GATEWAY, "WeChat rejected this service's appid or secret; the operator must fix the configuration.",
            "服务端微信配置错误"),
    WX_IP_NOT_WHITELISTED(HttpStatus.BAD_GATEWAY,
            "WeChat refused this server's IP address for access_token calls; the operator must whitelist it.",
            "服务器 IP 不在微信接口 IP 白名单中"),
    WX_ACCESS_TOKEN_INVALID(HttpStatus.BAD_GATEWAY, "WeChat rejected this service's access_token even after a refresh.",
            "微信 access_token 无效"),
    WX_ACCESS_TOKEN_EXPIRED(HttpStatus.BAD_GATEWAY, "WeChat found this service's access_token expired even after a refresh.",
            "微信 access_token 已过期"),
    WX_DAILY_LIMIT(HttpStatus.SERVICE_UNAVAILABLE, "This mini program used up today's WeChat quota for this call.",
            "微信接口今日调用次数已达上限"),
    WX_OPENID_INVALID(HttpStatus.CONFLICT, "WeChat does not know this user in this mini program; call wx.login() and log in again.",
            "微信不识别该用户的 openid，请重新登录"),
    WX_ERROR(HttpStatus.BAD_GATEWAY, "WeChat refused the request.", "微信接口返回错误"),

    // ---- Douyin's answers (login with tt.login's code and anonymousCode)
    DOUYIN_CODE_INVALID(HttpStatus.UNAUTHORIZED, "The Douyin login code is invalid, used or expired; call tt.login() again.",
            "抖音登录凭证无效或已过期，请重新登录"),
    DOUYIN_ANONYMOUS_CODE_INVALID(HttpStatus.UNAUTHORIZED,
            "The Douyin anonymousCode is invalid, used or expired; call tt.login() again.", "抖音匿名登录凭证无效或已过期，请重新登录"),
    DOUYIN_LOGIN_REQUIRED(HttpStatus.UNAUTHORIZED,
            "tt.login() gave no code (the user is not logged in to Douyin); call tt.login({force: true}) to ask them to.",
            "用户未登录抖音，请调用 tt.login({force: true}) 引导登录"),
    DOUYIN_BUSY(HttpStatus.SERVICE_UNAVAILABLE, "Douyin is busy; try again shortly.", "抖音系统繁忙，请稍后再试", Duration.ofSeconds(1)),
    DOUYIN_CONFIG_REJECTED(HttpStatus.BAD_GATEWAY,
            "Douyin rejected this service's appid, secret or request; the operator must fix the configuration.", "服务端抖音配置错误"),
    DOUYIN_UNREACHABLE(HttpStatus.BAD_GATEWAY, "Douyin cannot be reached.", "无法连接抖音服务器"),
    DOUYIN_BAD_RESPONSE(HttpStatus.BAD_GATEWAY, "Douyin answered something unexpected.", "抖音服务器响应异常"),
    DOUYIN_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "Douyin did not answer in time.", "抖音服务器响应超时"),
    DOUYIN_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE,
            "Douyin is failing or too many calls to it are in flight; Douyin was not called. Try again after Retry-After.",
            "抖音服务暂不可用，请稍后再试", Duration.ofSeconds(1)),
    DOUYIN_ERROR(HttpStatus.BAD_GATEWAY, "Douyin refused the request.", "抖音接口返回错误"),

    // ---- QQ's answers (login with qq.login's code)
    QQ_CODE_INVALID(HttpStatus.UNAUTHORIZED, "The QQ login code is invalid, used or expired; call qq.login() again.",
            "QQ 登录凭证无效或已过期，请重新登录"),
    QQ_RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many QQ logins for this user; try again in a minute.", "QQ 登录过于频繁，请稍后再试",
            Duration.ofSeconds(60)),
    QQ_BUSY(HttpStatus.SERVICE_UNAVAILABLE, "QQ is busy; try again shortly.", "QQ 系统繁忙，请稍后再试", Duration.ofSeconds(1)),
    QQ_CONFIG_REJECTED(HttpStatus.BAD_GATEWAY, "QQ rejected this service's appid or secret; the operator must fix the configuration.",
            "服务端 QQ 配置错误"),
    QQ_UNREACHABLE(HttpStatus.BAD_GATEWAY, "QQ cannot be reached.", "无法连接 QQ 服务器"),
    QQ_BAD_RESPONSE(HttpStatus.BAD_GATEWAY, "QQ answered something unexpected.", "QQ 服务器响应异常"),
    QQ_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "QQ did not answer in time.", "QQ 服务器响应超时"),
    QQ_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE,
            "QQ is failing or too many calls to it are in flight; QQ was not called. Try again after Retry-After.",
            "QQ 服务暂不可用，请稍后再试", Duration.ofSeconds(1)),
    QQ_ERROR(HttpStatus.BAD_GATEWAY, "QQ refused the request.", "QQ 接口返回错误"),

    // ---- Alipay's answers (login with my.getAuthCode's authCode; phone numbers from my.getPhoneNumber)
    ALIPAY_CODE_INVALID(HttpStatus.UNAUTHORIZED,
            "The Alipay authCode is invalid, used, expired or another app's; call my.getAuthCode() again.",
            "支付宝授权码无效或已过期，请重新登录"),
    ALIPAY_BUSY(HttpStatus.SERVICE_UNAVAILABLE, "Alipay is busy; try again shortly.", "支付宝系统繁忙，请稍后再试", Duration.ofSeconds(1)),
    ALIPAY_RATE_LIMITED(HttpStatus.SERVICE_UNAVAILABLE, "Alipay limits this mini program's calls for now; try again later.",
            "支付宝接口调用受限，请稍后再试", Duration.ofSeconds(60)),
    ALIPAY_CONFIG_REJECTED(HttpStatus.BAD_GATEWAY,
            "Alipay rejected this service's app id, keys, permissions or request; the operator must fix the configuration.",
            "服务端支付宝配置错误"),
    ALIPAY_RESPONSE_UNVERIFIED(HttpStatus.BAD_GATEWAY,
            "Alipay's answer did not verify with the configured Alipay public key (a wrong key, or altered on the way); it was not used.",
            "支付宝响应验签失败"),
    ALIPAY_UNREACHABLE(HttpStatus.BAD_GATEWAY, "Alipay cannot be reached.", "无法连接支付宝服务器"),
    ALIPAY_BAD_RESPONSE(HttpStatus.BAD_GATEWAY, "Alipay answered something unexpected.", "支付宝服务器响应异常"),
    ALIPAY_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "Alipay did not answer in time.", "支付宝服务器响应超时"),
    ALIPAY_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE,
            "Alipay is failing or too many calls to it are in flight; Alipay was not called. Try again after Retry-After.",
            "支付宝服务暂不可用，请稍后再试", Duration.ofSeconds(1)),
    ALIPAY_ERROR(HttpStatus.BAD_GATEWAY, "Alipay refused the request.", "支付宝接口返回错误"),
    ALIPAY_PHONE_INVALID(HttpStatus.BAD_REQUEST,
            "The phone number is not my.getPhoneNumber()'s response, or its signature does not verify; ask the user to authorise again.",
            "手机号数据无效或验签失败，请重新授权手机号"),
    ALIPAY_PHONE_NOT_AUTHORIZED(HttpStatus.FORBIDDEN,
            "Alipay did not give the phone number: the user or the mini program is not authorised for it.", "未获得支付宝手机号授权"),
    ALIPAY_PHONE_NOT_CONFIGURED(HttpStatus.BAD_GATEWAY,
            "This service cannot read Alipay phone numbers: the content key is missing or wrong, or signing is not set on Alipay's console.",
            "服务端支付宝手机号配置错误"),

    // ---- our own trouble
    DATABASE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "The database is unavailable; try again shortly.", "数据库暂不可用，请稍后再试",
            Duration.ofSeconds(1)),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side.", "服务器内部错误");

    private final HttpStatus status;
    private final String message;
    private final String messageZh;
    private final Duration retryAfter;

    ApiError(HttpStatus status, String message, String messageZh) {
        this(status, message, messageZh, null);
    }

    /** @param retryAfter when a client may try again, sent as {@code Retry-After} with every answer of this error */
    ApiError(HttpStatus status, String message, String messageZh, Duration retryAfter) {
        this.status = status;
        this.message = message;
        this.messageZh = messageZh;
        this.retryAfter = retryAfter;
    }

    public HttpStatus status() {
        return status;
    }

    public String message() {
        return message;
    }

    public String messageZh() {
        return messageZh;
    }

    /** The usual {@code Retry-After} of this error; an {@link ApiException} may name its own. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
