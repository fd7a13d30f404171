package dev.wxlogin.server.user;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.wxlogin.server.link.PlatformLink;

/**
 * The caller's own account as {@code GET /api/v1/me} answers it: the user, and the accounts on other
 * platforms the user linked to it.
 *
 * @param user           the user, its fields at the top level of the answer
 * @param linkedAccounts the linked accounts, oldest link first; empty when there are none
 */
public record MeView(@JsonUnwrapped UserView user, List<PlatformLink> linkedAccounts) {
}
