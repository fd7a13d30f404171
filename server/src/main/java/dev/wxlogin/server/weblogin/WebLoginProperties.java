package dev.wxlogin.server.weblogin;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signing in to websites by scanning ({@code wxlogin.web-login.*}).
 *
 * @param ticketTtl how long a code on the scan page stays valid
 * @param appid     the mini program whose code the page shows and whose users sign in; empty: the default app
 * @param page      the mini-program page the code opens
 * @param codeWidth the code's width in pixels (WeChat: 280 to 1280)
 * @param signInTtl how long a browser stays signed in at wxlogin after a scan (its websites ask again without a scan)
 * @param eventStreamsPerTicket how many event streams one ticket may hold open at once (a page needs one)
 * @param eventStreams how many event streams this instance holds open at once, over all tickets
 */
@ConfigurationProperties("wxlogin.web-login")
public record WebLoginProperties(@DefaultValue("2m") Duration ticketTtl,
                                 @DefaultValue("") String appid,
                                 @DefaultValue("pages/web-login/confirm") String page,
                                 @DefaultValue("430") int codeWidth,
                                 @DefaultValue("8h") Duration signInTtl,
                                 @DefaultValue("3") int eventStreamsPerTicket,
                                 @DefaultValue("500") int eventStreams) {
}
