package dev.wxlogin.server.phone;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.wxlogin.server.audit.AuditEventType;
import dev.wxlogin.server.audit.Audited;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiErrors;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.link.AccountLinking;
import dev.wxlogin.server.ratelimit.LoginRateLimiter;
import dev.wxlogin.server.ratelimit.UserAction;
import dev.wxlogin.server.user.Caller;
import dev.wxlogin.server.user.PhoneView;
import dev.wxlogin.server.user.UserAccount;
import dev.wxlogin.server.user.UserStore;
import dev.wxlogin.wechat.OneTimeCode;

/**
 * {@code /api/v1/me/phone}: bind the caller's phone number from what their platform's page gives
 * (getPhoneNumber button, or Alipay's {@code my.getPhoneNumber}) and read it back. Answers are masked ({@code 138****5678}) unless {@code ?reveal=true}.
 */
@RestController
@Tag(name = "Account")
class PhoneController {

    /**
     * What the platform's page gave: on WeChat either {@code code} ({@code e.detail.code} of the current
     * button) or {@code encryptedData} and {@code iv} (the legacy button); on QQ and Douyin
     * {@code encryptedData} and {@code iv}; on Alipay {@code response}, the string {@code my.getPhoneNumber}
     * answered, as it is.
     */
    record PhoneRequest(String code, String encryptedData, String iv, String response) {

        @Override
        public String toString() {
            return "PhoneRequest[code=" + (code == null ? null : "***") + ", encryptedData=" + (encryptedData == null ? null : "***")
                    + ", response=" + (response == null ? null : "***") + "]";
        }
    }

    private final PhoneBinding binding;
    private final LoginRateLimiter rateLimits;
    private final AccountLinking linking;
    private final UserStore users;

    PhoneController(PhoneBinding binding, LoginRateLimiter rateLimits, AccountLinking linking, UserStore users) {
        this.binding = binding;
        this.rateLimits = rateLimits;
        this.linking = linking;
        this.users = users;
    }

    @Audited(AuditEventType.PHONE_BIND)
    @Operation(operationId = "bindPhone", summary = "Bind the caller's phone number",
            description = "WeChat: send either {code} from <button open-type=\"getPhoneNumber\"> (e.detail.code; the server asks "
                    + "WeChat's getuserphonenumber) or {encryptedData, iv} from the legacy button (decrypted with the "
                    + "session_key of the latest login). A phone code is sent to WeChat at most once: a retry with the "
                    + "same code, on any instance, is answered from the first outcome. QQ and Douyin: {encryptedData, iv} "
                    + "from the button, decrypted with the session_key of the latest login. Alipay: {response}, the string "
                    + "my.getPhoneNumber answered, verified with Alipay's public key and decrypted with the content key. "
                    + "The number is answered masked unless reveal=true; linkCandidates lists the accounts on other "
                    + "platforms holding the same number that the caller may link (POST /api/v1/me/links).")
    @SecurityRequirement(name = "bearer")
    @ApiErrors(value = {ApiError.INVALID_FIELD, ApiError.PHONE_FORMAT_WRONG_PLATFORM, ApiError.WX_PHONE_CODE_INVALID,
            ApiError.PHONE_CODE_OTHER_USER, ApiError.PHONE_CODE_IN_PROGRESS, ApiError.SESSION_KEY_MISSING, ApiError.WX_SESSION_KEY_STALE,
            ApiError.PHONE_CODE_ABANDONED, ApiError.WX_RATE_LIMITED, ApiError.RATE_LIMITED, ApiError.PLATFORM_UNSUPPORTED},
            families = {ApiErrors.Family.ACCOUNT, ApiErrors.Family.ENCRYPTED_DATA, ApiErrors.Family.WECHAT,
                    ApiErrors.Family.WECHAT_ACCESS_TOKEN, ApiErrors.Family.ALIPAY_PHONE})
    @PostMapping(path = "/api/v1/me/phone", consumes = MediaType.APPLICATION_JSON_VALUE)
    PhoneView bind(Caller caller, @RequestBody PhoneRequest request,
                   @Parameter(description = "answer the number in full") @RequestParam(defaultValue = "false") boolean reveal) {
        UserAccount user = caller.user();
        rateLimits.checkUserAction(UserAction.PHONE_BINDING, user.id());
        PhoneView bound = switch (caller.platform()) {
            case WECHAT -> bindOnWeChat(caller, user, request, reveal);
            case QQ, DOUYIN -> {
                if (request.code() != null || request.response() != null) {
                    throw new ApiException(ApiError.PHONE_FORMAT_WRONG_PLATFORM);
                }
                requireEncryptedData(request);
                yield binding.bindEncrypted(caller.app(), user, request.encryptedData(), request.iv(), reveal);
            }
            case ALIPAY -> {
                if (request.code() != null || request.encryptedData() != null || request.iv() != null) {
                    throw new ApiException(ApiError.PHONE_FORMAT_WRONG_PLATFORM);
                }
                if (request.response() == null) {
                    throw new ApiException(ApiError.INVALID_FIELD, "send response, the string my.getPhoneNumber answered");
                }
                yield binding.bindAlipay(caller.app(), user, request.response(), reveal);
            }
        };
        return users.findById(user.id()).map(linking::candidates).map(bound::withLinkCandidates).orElse(bound);
    }

    private PhoneView bindOnWeChat(Caller caller, UserAccount user, PhoneRequest request, boolean reveal) {
        if (request.response() != null) {
            throw new ApiException(ApiError.PHONE_FORMAT_WRONG_PLATFORM);
        }
        boolean hasCode = request.code() != null;
        boolean hasEncrypted = request.encryptedData() != null || request.iv() != null;
        if (hasCode == hasEncrypted) {
            throw new ApiException(ApiError.INVALID_FIELD, "send either code, or encryptedData and iv");
        }
        if (hasCode) {
            if (!OneTimeCode.isWellFormed(request.code())) {
                throw new ApiException(ApiError.INVALID_FIELD, "code must be the getPhoneNumber button's code");
            }
            return binding.bindByCode(caller.weChatApp(), user, request.code(), reveal);
        }
        requireEncryptedData(request);
        return binding.bindEncrypted(caller.weChatApp(), user, request.encryptedData(), request.iv(), reveal);
    }

    private static void requireEncryptedData(PhoneRequest request) {
        if (request.encryptedData() == null || request.iv() == null) {
            throw new ApiException(ApiError.INVALID_FIELD, "encryptedData and iv must be sent together");
        }
    }

    /** The bound number; 404 PHONE_NOT_BOUND when there is none. */
    @Operation(operationId = "getPhone", summary = "The caller's bound phone number",
            description = "Masked (138****5678) unless reveal=true.")
    @SecurityRequirement(name = "bearer")
    @ApiErrors(value = ApiError.PHONE_NOT_BOUND, families = ApiErrors.Family.ACCOUNT)
    @GetMapping("/api/v1/me/phone")
    PhoneView read(Caller caller,
                   @Parameter(description = "answer the number in full") @RequestParam(defaultValue = "false") boolean reveal) {
        UserAccount user = caller.user();
        if (user.phone() == null) {
            throw new ApiException(ApiError.PHONE_NOT_BOUND);
        }
        return reveal ? PhoneView.revealed(user.phone()) : PhoneView.masked(user.phone());
    }
}
