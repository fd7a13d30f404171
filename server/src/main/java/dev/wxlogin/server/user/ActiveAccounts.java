package dev.wxlogin.server.user;

import org.springframework.stereotype.Service;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;

/** The accounts behind verified access tokens, refused when they no longer exist or were disabled. */
@Service
public class ActiveAccounts {

    private final UserStore users;

    ActiveAccounts(UserStore users) {
        this.users = users;
    }

    /**
     * @throws ApiException USER_NOT_FOUND when the user is gone, USER_DISABLED when banned
     */
    public UserAccount require(long userId) {
        UserAccount user = users.findById(userId).orElseThrow(() -> new ApiException(ApiError.USER_NOT_FOUND));
        if (user.disabled()) {
            throw new ApiException(ApiError.USER_DISABLED);
        }
        return user;
    }
}
