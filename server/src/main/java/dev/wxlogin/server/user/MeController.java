package dev.wxlogin.server.user;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.wxlogin.server.audit.AuditEventType;
import dev.wxlogin.server.audit.Audited;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiErrors;
import dev.wxlogin.server.link.AccountLinking;
import dev.wxlogin.server.ratelimit.LoginRateLimiter;
import dev.wxlogin.server.ratelimit.UserAction;

/** The caller's own account: read it, change the profile, upload an avatar (the chooseAvatar flow). */
@RestController
@Tag(name = "Account")
class MeController {

    private final ActiveAccounts accounts;
    private final UserStore users;
    private final AvatarUploads avatars;
    private final LoginRateLimiter rateLimits;
    private final AccountLinking links;

    MeController(ActiveAccounts accounts, UserStore users, AvatarUploads avatars, LoginRateLimiter rateLimits, AccountLinking links) {
        this.links = links;
        this.accounts = accounts;
        this.users = users;
        this.avatars = avatars;
        this.rateLimits = rateLimits;
    }

    /** The caller as stored, with the accounts on other platforms they linked to it. */
    @Operation(operationId = "getMe", summary = "The caller's account",
            description = "linkedAccounts lists the caller's accounts on other platforms linked by phone number (POST /api/v1/me/links).")
    @SecurityRequirement(name = "bearer")
    @ApiErrors(families = ApiErrors.Family.ACCOUNT)
    @GetMapping("/api/v1/me")
    MeView me(Caller caller) {
        return new MeView(UserView.of(caller.user()), links.linkedAccounts(caller.userId()));
    }

    /**
     * One of the caller's linked accounts: the user of another (or this) mini program with the
     * same unionid.
     */
    record LinkedAccount(long id, String appid, String openid, String nickname, java.time.Instant createdAt) {

        static LinkedAccount of(UserAccount user) {
            return new LinkedAccount(user.id(), user.appid(), user.openid(), user.profile().nickname(), user.createdAt());
        }
    }

    /**
     * @param unionid  the caller's unionid, or {@code null} when WeChat gave none
     * @param accounts the users sharing it across this deployment's apps, oldest first; just the
     *                 caller when there is no unionid
     */
    record LinkedAccounts(String unionid, List<LinkedAccount> accounts) {
    }

    /** The caller's users in every mini program, linked by their unionid. */
    @Operation(operationId = "getLinkedAccounts", summary = "The caller's users in every mini program of this deployment",
            description = "Linked by unionid within the caller's platform, oldest first; only the caller when the platform gave no unionid.")
    @SecurityRequirement(name = "bearer")
    @ApiErrors(families = ApiErrors.Family.ACCOUNT)
    @GetMapping("/api/v1/me/accounts")
    LinkedAccounts accounts(Caller caller) {
        UserAccount user = caller.user();
        List<UserAccount> linked = user.unionid() == null ? List.of(user) : users.findByUnionid(user.platform(), user.unionid());
        return new LinkedAccounts(user.unionid(), linked.stream().map(LinkedAccount::of).toList());
    }

    /** Changes the fields given; answers the user as stored afterwards, with its linked accounts as {@code GET /api/v1/me}. */
    @Audited(AuditEventType.PROFILE_CHANGE)
    @Operation(operationId = "updateMe", summary = "Change the caller's profile",
            description = "Fields omitted or null are kept. nickname 1-100 characters; avatarUrl https://... or "
                    + "/avatars/..., at most 1024; gender 0, 1 or 2; country/province/city at most 100; language at most 20. "
                    + "Answers as GET /api/v1/me.")
    @SecurityRequirement(name = "bearer")
    @ApiErrors(value = ApiError.INVALID_FIELD, families = ApiErrors.Family.ACCOUNT)
    @PatchMapping(path = "/api/v1/me", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    MeView update(Caller caller, @RequestBody ProfileChanges changes) {
        UserAccount user = caller.user();
        UserProfile profile = changes.validated(url -> avatars.isOwnUpload(user.id(), url));
        users.updateProfile(user.id(), profile);
        if (profile.avatarUrl() != null && !profile.avatarUrl().equals(user.profile().avatarUrl())) {
            avatars.discardUnused(user.id());
        }
        return meAsStored(user.id());
    }

    /**
     * Stores the uploaded image (multipart field {@code file}: JPEG, PNG or WebP, checked by its
     * bytes and decoded) and makes it the caller's avatar; the caller's earlier uploads are deleted.
     */
    @Audited(AuditEventType.AVATAR_UPLOAD)
    @Operation(operationId = "uploadAvatar", summary = "Upload the caller's avatar",
            description = "multipart/form-data with the image in the field file: JPEG, PNG or WebP, recognised by its "
                    + "bytes. It becomes avatarUrl = /avatars/<random>.<ext>; a previous uploaded avatar is deleted. Answers as GET /api/v1/me.")
    @SecurityRequirement(name = "bearer")
    @ApiErrors(value = {ApiError.INVALID_FIELD, ApiError.AVATAR_TOO_LARGE, ApiError.AVATAR_UNSUPPORTED_TYPE, ApiError.RATE_LIMITED},
            families = ApiErrors.Family.ACCOUNT)
    @PostMapping(path = "/api/v1/me/avatar", consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    MeView uploadAvatar(Caller caller, @RequestPart("file") MultipartFile file) {
        UserAccount user = caller.user();
        rateLimits.checkUserAction(UserAction.AVATAR_UPLOAD, user.id());
        byte[] image;
        try {
            image = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded avatar", e);
        }
        avatars.upload(user.id(), image);
        return meAsStored(user.id());
    }

    /** The user as stored now, with the linked accounts: every answer about the caller has the same shape. */
    private MeView meAsStored(long userId) {
        return new MeView(UserView.of(accounts.require(userId)), links.linkedAccounts(userId));
    }
}
