package dev.wxlogin.server.weblogin;

import java.util.List;

/**
 * A website's authorization request that passed the checks of the authorization endpoint
 * ({@link WebsiteRequests}): what a ticket is made for.
 *
 * @param clientId    the registered website
 * @param redirectUri where the website's code goes, one of its registered URIs
 * @param scopes      what it asks for, each one it is registered for
 */
public record WebsiteRequest(String clientId, String redirectUri, List<String> scopes) {
}
