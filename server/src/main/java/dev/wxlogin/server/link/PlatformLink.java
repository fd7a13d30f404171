package dev.wxlogin.server.link;

import java.time.Instant;

/**
 * An account of the same person on another platform, linked by them.
 *
 * @param platform    its platform, or {@code null} when this deployment no longer serves its mini program
 * @param userId      our id of that user
 * @param appid       its mini program
 * @param since       when the link was confirmed
 * @param confirmedBy the user who confirmed it (one of the two)
 */
public record PlatformLink(String platform, long userId, String appid, Instant since, long confirmedBy) {
}
