package dev.wxlogin.server.phone;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.wxlogin.server.app.AppSelector;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.ratelimit.LoginRateLimiter;
import dev.wxlogin.server.ratelimit.UserAction;
import dev.wxlogin.server.security.AuthenticatedUser;
import dev.wxlogin.server.user.ActiveAccounts;
import dev.wxlogin.server.user.PhoneView;
import dev.wxlogin.server.user.UserAccount;

/**
 * {@code /api/v1/me/phone}: bind the caller's phone number from the {@code getPhoneNumber} button
 * and read it back. Answers are masked ({@code 138****5678}) unless {@code ?reveal=true}.
 */
@RestController
class PhoneController {

    /** Phone codes are short; anything much longer is not one. */
    private static final int MAX_CODE_LENGTH = 128;

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

    private final AppSelector apps;
    private final ActiveAccounts accounts;
    private final PhoneBinding binding;
    private final LoginRateLimiter rateLimits;

    PhoneController(AppSelector apps, ActiveAccounts accounts, PhoneBinding binding, LoginRateLimiter rateLimits) {
        this.apps = apps;
        this.accounts = accounts;
        this.binding = binding;
        this.rateLimits = rateLimits;
    }

    @PostMapping(path = "/api/v1/me/phone", consumes = MediaType.APPLICATION_JSON_VALUE)
    PhoneView bind(@AuthenticationPrincipal Jwt jwt, @RequestBody PhoneRequest request,
                   @RequestParam(defaultValue = "false") boolean reveal, HttpServletRequest http) {
        AuthenticatedUser caller = AuthenticatedUser.of(jwt);
        UserAccount user = accounts.require(caller.userId());
        rateLimits.checkUserAction(UserAction.PHONE_BINDING, user.id());
        boolean hasCode = request.code() != null;
        boolean hasEncrypted = request.encryptedData() != null || request.iv() != null;
        if (hasCode == hasEncrypted) {
            throw new ApiException(ApiError.INVALID_FIELD, "send either code, or encryptedData and iv");
        }
        if (hasCode) {
            if (request.code().isBlank() || request.code().length() > MAX_CODE_LENGTH) {
                throw new ApiException(ApiError.INVALID_FIELD, "code must be the getPhoneNumber button's code");
            }
            return binding.bindByCode(apps.forCaller(http, caller), user, request.code(), reveal);
        }
        if (request.encryptedData() == null || request.iv() == null) {
            throw new ApiException(ApiError.INVALID_FIELD, "encryptedData and iv must be sent together");
        }
        return binding.bindEncrypted(apps.forCaller(http, caller), user, request.encryptedData(), request.iv(), reveal);
    }

    /** The bound number; 404 PHONE_NOT_BOUND when there is none. */
    @GetMapping("/api/v1/me/phone")
    PhoneView read(@AuthenticationPrincipal Jwt jwt, @RequestParam(defaultValue = "false") boolean reveal) {
        UserAccount user = accounts.require(AuthenticatedUser.of(jwt).userId());
        if (user.phone() == null) {
            throw new ApiException(ApiError.PHONE_NOT_BOUND);
        }
        return reveal ? PhoneView.revealed(user.phone()) : PhoneView.masked(user.phone());
    }
}
