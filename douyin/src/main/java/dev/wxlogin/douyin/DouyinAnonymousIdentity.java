package dev.wxlogin.douyin;

import java.util.Objects;

/**
 * What code2Session gives for an anonymous code alone ({@code tt.login()} for a user not logged in to
 * the Douyin app): the device, not a person. "The same phone gets the same anonymous_openid", so it
 * must never stand for a user account.
 *
 * @param anonymousOpenid the device's id within this mini program
 */
public record DouyinAnonymousIdentity(String anonymousOpenid) {

    public DouyinAnonymousIdentity {
        Objects.requireNonNull(anonymousOpenid, "anonymousOpenid");
    }
}
