package dev.wxlogin.server.link;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.wxlogin.server.app.MiniProgramApp;
import dev.wxlogin.server.app.MiniProgramApps;
import dev.wxlogin.server.app.Platform;
import dev.wxlogin.server.crypto.Sha256;
import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.user.BoundPhone;
import dev.wxlogin.server.user.UserAccount;
import dev.wxlogin.server.user.UserStore;

/**
 * Links one person's accounts on two platforms, never silently: a phone number both accounts proved
 * makes a link possible, and the user of the account that proved it last confirms it within
 * {@link LinkProperties#confirmWithin} of that proof (10 minutes by default), while both still hold the
 * number and both are enabled. A number alone never links anything (carriers recycle numbers). A link
 * joins two users for display; it merges nothing and moves no token.
 *
 * <p>An app in which more than one user holds the number is never offered: the number is contested
 * there, and the confirming user could not tell which account is theirs.
 */
@Service
public class AccountLinking {

    private static final Logger LOG = LoggerFactory.getLogger(AccountLinking.class);

    private final UserStore users;
    private final AccountLinks links;
    private final MiniProgramApps apps;
    private final Clock clock;
    private final Duration confirmWithin;

    AccountLinking(UserStore users, AccountLinks links, MiniProgramApps apps, Clock clock, LinkProperties properties) {
        this.users = users;
        this.links = links;
        this.apps = apps;
        this.clock = clock;
        this.confirmWithin = properties.confirmWithin();
    }

    /**
     * The accounts on other platforms that {@code user} may link now with the number it holds: enabled,
     * holding the same number, of a served app where no other user holds it, and not linked yet.
     */
    public List<LinkCandidate> candidates(UserAccount user) {
        return candidateUsers(user).values().stream()
                .map(other -> new LinkCandidate(platformOf(other).map(Platform::wireName).orElseThrow(), other.appid(),
                        maskNickname(other.profile().nickname())))
                .toList();
    }

    /**
     * Links {@code user} to the account of {@code appid} that holds the same number; linking a pair
     * already linked answers the existing link.
     *
     * @throws ApiException PHONE_NOT_BOUND, LINK_PROOF_EXPIRED, LINK_SAME_PLATFORM, LINK_CANDIDATE_NOT_FOUND
     */
    public PlatformLink confirm(UserAccount user, Platform platform, String appid) {
        BoundPhone phone = user.phone();
        if (phone == null) {
            throw new ApiException(ApiError.PHONE_NOT_BOUND);
        }
        Instant now = clock.instant();
        Instant provedSince = now.minus(confirmWithin);
        if (phone.verifiedAt().isBefore(provedSince)) {
            throw new ApiException(ApiError.LINK_PROOF_EXPIRED);
        }
        MiniProgramApp app = apps.find(appid).orElseThrow(() -> new ApiException(ApiError.LINK_CANDIDATE_NOT_FOUND));
        if (app.platform() == platform) {
            throw new ApiException(ApiError.LINK_SAME_PLATFORM);
        }
        List<UserAccount> holders = users.findByPhone(phone.purePhoneNumber(), phone.countryCode()).stream()
                .filter(other -> other.id() != user.id() && other.appid().equals(appid))
                .toList();
        if (holders.size() != 1 || holders.get(0).disabled()) {
            throw new ApiException(ApiError.LINK_CANDIDATE_NOT_FOUND);
        }
        UserAccount other = holders.get(0);
        AccountLinks.Outcome outcome = links.link(new AccountLinks.Conditions(user.id(), other.id(), phone.purePhoneNumber(),
                phone.countryCode(), provedSince, phoneHash(phone), now));
        switch (outcome) {
            case CONDITIONS_NOT_MET -> throw new ApiException(ApiError.LINK_CANDIDATE_NOT_FOUND);
            case CREATED -> LOG.info("accounts linked user={} other={} confirmedBy={}", user.id(), other.id(), user.id());
            case ALREADY_LINKED -> {
                // A repeated or concurrent confirmation: the one link stands.
            }
        }
        return links.between(user.id(), other.id()).map(link -> view(user.id(), link))
                .orElseThrow(() -> new ApiException(ApiError.LINK_CANDIDATE_NOT_FOUND));
    }

    /**
     * Removes the link between {@code userId} and {@code otherUserId}; either side may.
     *
     * @throws ApiException LINK_NOT_FOUND when they are not linked
     */
    public void unlink(long userId, long otherUserId) {
        if (!links.unlink(userId, otherUserId)) {
            throw new ApiException(ApiError.LINK_NOT_FOUND);
        }
        LOG.info("accounts unlinked user={} other={}", userId, otherUserId);
    }

    /** The accounts linked to this user, oldest link first. */
    public List<PlatformLink> linkedAccounts(long userId) {
        List<PlatformLink> linked = new ArrayList<>();
        for (AccountLinks.Link link : links.of(userId)) {
            linked.add(view(userId, link));
        }
        return linked;
    }

    private PlatformLink view(long userId, AccountLinks.Link link) {
        long otherId = link.other(userId);
        Optional<UserAccount> other = users.findById(otherId);
        String appid = other.map(UserAccount::appid).orElse(null);
        String platform = other.flatMap(this::platformOf).map(Platform::wireName).orElse(null);
        return new PlatformLink(platform, otherId, appid, link.createdAt(), link.confirmedBy());
    }

    /** By appid: the one enabled holder of the number in each served app of another platform, not linked yet. */
    private Map<String, UserAccount> candidateUsers(UserAccount user) {
        BoundPhone phone = user.phone();
        Optional<Platform> own = platformOf(user);
        if (phone == null || own.isEmpty()) {
            return Map.of();
        }
        Set<Long> linked = new HashSet<>();
        links.of(user.id()).forEach(link -> linked.add(link.other(user.id())));
        Map<String, List<UserAccount>> byApp = new LinkedHashMap<>();
        for (UserAccount other : users.findByPhone(phone.purePhoneNumber(), phone.countryCode())) {
            if (other.id() != user.id()) {
                byApp.computeIfAbsent(other.appid(), appid -> new ArrayList<>()).add(other);
            }
        }
        Map<String, UserAccount> candidates = new LinkedHashMap<>();
        byApp.forEach((appid, holders) -> {
            UserAccount other = holders.get(0);
            Optional<Platform> platform = platformOf(other);
            if (holders.size() == 1 && !other.disabled() && platform.isPresent() && platform.get() != own.get()
                    && !linked.contains(other.id())) {
                candidates.put(appid, other);
            }
        });
        return candidates;
    }

    private Optional<Platform> platformOf(UserAccount user) {
        return apps.find(user.appid()).map(MiniProgramApp::platform);
    }

    private static String phoneHash(BoundPhone phone) {
        return Sha256.hex(phone.countryCode() + ":" + phone.purePhoneNumber());
    }

    /** The first character and two stars: enough for the user to recognise their account, too little to identify anyone. */
    static String maskNickname(String nickname) {
        if (nickname == null || nickname.isBlank()) {
            return null;
        }
        String trimmed = nickname.strip();
        return trimmed.substring(0, trimmed.offsetByCodePoints(0, 1)) + "**";
    }
}
