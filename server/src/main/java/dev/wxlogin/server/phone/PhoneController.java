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
import dev.wxlogin.server.ratelimit.LoginRateLimiter;
import dev.wxlogin.server.ratelimit.UserAction;
import dev.wxlogin.server.user.Caller;
import dev.wxlogin.server.user.PhoneView;
import dev.wxlogin.server.user.UserAccount;
import dev.wxlogin.wechat.OneTimeCode;

/**
 * {@code /api/v1/me/phone}: bind the caller's phone number from the {@code getPhoneNumber} button
 * and read it back. Answers are masked ({@code 138****5678}) unless {@code ?reveal=true}.
 */
@RestController
@Tag(name = "Account")
class PhoneController {

    /**
     * Either {@code code} ({@code e.detail.code} of the current button) or {@code encryptedData}
     * and {@code iv} (the legacy button).
     */
    record PhoneRequest(String code, String encryptedData, String iv) {

        @Override
        public String toString() {
            return "PhoneRequest[code=" + (code == null ? null : "***") + ", encryptedData=" + (encryptedData == null ? null : "***") + "]";
        }
    }

    private final PhoneBinding binding;
    private final LoginRateLimiter rateLimits;

    PhoneController(PhoneBinding binding, LoginRateLimiter rateLimits) {
        this.binding = binding;
        this.rateLimits = rateLimits;
    }

    @Audited(AuditEventType.PHONE_BIND)
    @Operation(operationId = "bindPhone", summary = "Bind the caller's phone number",
            description = "Send either {code} from <button open-type=\"getPhoneNumber\"> (e.detail.code; the server asks "
                    + "WeChat's getuserphonenumber) or {encryptedData, iv} from the legacy button (decrypted with the "
                    + "session_key of the latest login). A phone code is sent to WeChat at most once: a retry with the "
                    + "same code, on any instance, is answered from the first outcome. The number is answered masked "
                    + "unless reveal=true.")
    @SecurityRequirement(name = "bearer")
    @ApiErrors(value = {ApiError.INVALID_FIELD, ApiError.WX_PHONE_CODE_INVALID, ApiError.PHONE_CODE_OTHER_USER,
            ApiError.PHONE_CODE_IN_PROGRESS, ApiError.SESSION_KEY_MISSING, ApiError.WX_SESSION_KEY_STALE,
            ApiError.PHONE_CODE_ABANDONED, ApiError.WX_RATE_LIMITED, ApiError.RATE_LIMITED},
            families = {ApiErrors.Family.ACCOUNT, ApiErrors.Family.ENCRYPTED_DATA, ApiErrors.Family.WECHAT,
                    ApiErrors.Family.WECHAT_ACCESS_TOKEN})
    @PostMapping(path = "/api/v1/me/phone", consumes = MediaType.APPLICATION_JSON_VALUE)
    PhoneView bind(Caller caller, @RequestBody PhoneRequest request,
                   @Parameter(description = "answer the number in full") @RequestParam(defaultValue = "false") boolean reveal) {
        UserAccount user = caller.user();
        rateLimits.checkUserAction(UserAction.PHONE_BINDING, user.id());
        boolean hasCode = request.code() != null;
        boolean hasEncrypted = request.encryptedData() != null || request.iv() != null;
        if (hasCode == hasEncrypted) {
            throw new ApiException(ApiError.INVALID_FIELD, "send either code, or encryptedData and iv");
        }
        if (hasCode) {
            if (!OneTimeCode.isWellFormed(request.code())) {
                throw new ApiException(ApiError.INVALID_FIELD, "code must be the getPhoneNumber button's code");
            }
            return binding.bindByCode(caller.app(), user, request.code(), reveal);
        }
        if (request.encryptedData() == null || request.iv() == null) {
            throw new ApiException(ApiError.INVALID_FIELD, "encryptedData and iv must be sent together");
        }
        return binding.bindEncrypted(caller.app(), user, request.encryptedData(), request.iv(), reveal);
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
