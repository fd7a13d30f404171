package dev.wxlogin.server.link;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
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

/**
 * {@code /api/v1/me/links}: the caller confirms a link to their account on another platform (offered by
 * the phone binding's answer), or removes one. The links show in {@code GET /api/v1/me}.
 */
@RestController
@Tag(name = "Account")
class AccountLinkController {

    /** @param appid the mini program of the account to link, as the phone binding's {@code linkCandidates} named it */
    record LinkRequest(String appid) {
    }

    private final AccountLinking linking;
    private final LoginRateLimiter rateLimits;

    AccountLinkController(AccountLinking linking, LoginRateLimiter rateLimits) {
        this.linking = linking;
        this.rateLimits = rateLimits;
    }

    @Audited(AuditEventType.ACCOUNT_LINK)
    @Operation(operationId = "linkAccount", summary = "Link the caller's account to theirs on another platform",
            description = "Possible when the caller proved their phone number (POST /api/v1/me/phone) in the last 10 minutes and "
                    + "the one account of the named mini program, on another platform, holds the same number; both must be "
                    + "enabled. Answers the link; confirming a pair already linked answers the existing link. Nothing is merged.")
    @SecurityRequirement(name = "bearer")
    @ApiErrors(value = {ApiError.INVALID_FIELD, ApiError.PHONE_NOT_BOUND, ApiError.LINK_PROOF_EXPIRED, ApiError.LINK_SAME_PLATFORM,
            ApiError.LINK_CANDIDATE_NOT_FOUND, ApiError.RATE_LIMITED}, families = ApiErrors.Family.ACCOUNT)
    @PostMapping(path = "/api/v1/me/links", consumes = MediaType.APPLICATION_JSON_VALUE)
    PlatformLink link(Caller caller, @RequestBody LinkRequest request) {
        rateLimits.checkUserAction(UserAction.ACCOUNT_LINKING, caller.userId());
        if (request.appid() == null || request.appid().isBlank()) {
            throw new ApiException(ApiError.INVALID_FIELD, "appid must name the mini program of the account to link");
        }
        return linking.confirm(caller.user(), caller.platform(), request.appid().trim());
    }

    @Audited(AuditEventType.ACCOUNT_UNLINK)
    @Operation(operationId = "unlinkAccount", summary = "Remove a link to another account",
            description = "Either of the two linked accounts may remove the link.")
    @SecurityRequirement(name = "bearer")
    @ApiErrors(value = {ApiError.LINK_NOT_FOUND, ApiError.RATE_LIMITED}, families = ApiErrors.Family.ACCOUNT)
    @DeleteMapping("/api/v1/me/links/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unlink(Caller caller, @PathVariable long userId) {
        rateLimits.checkUserAction(UserAction.ACCOUNT_LINKING, caller.userId());
        linking.unlink(caller.userId(), userId);
    }
}
