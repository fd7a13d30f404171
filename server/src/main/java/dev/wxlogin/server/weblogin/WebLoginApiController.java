package dev.wxlogin.server.weblogin;

import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiErrors;
import dev.wxlogin.server.error.ApiException;
import dev.wxlogin.server.user.Caller;

/**
 * The mini program's half of signing in to a website by scanning: the confirm page opened from the
 * code's scene reports the scan, shows which website asks for what, and sends the user's decision.
 */
@RestController
@Tag(name = "Web sign-in")
class WebLoginApiController {

    /** 128 bits in base64url without padding. */
    private static final Pattern TICKET = Pattern.compile("[A-Za-z0-9_-]{22}");

    /** The decision on the confirm page. */
    record Decision(boolean approve) {
    }

    private final WebLoginService service;

    WebLoginApiController(WebLoginService service) {
        this.service = service;
    }

    @Operation(operationId = "scanWebLoginTicket",
            summary = "The user scanned a website's sign-in code: which website asks for what, from which browser; the browser shows \"scanned\"",
            description = "client is the website as registered (name, and the host the browser will be sent to); scopes what each "
                    + "scope releases; requester the browser that asks: its address cut to its network, browser and system from "
                    + "its user agent, when it asked, and whether it is on the phone's network (same /24 or /64). When it is not, "
                    + "someone elsewhere may be asking: say so before the user approves.")
    @ApiErrors(value = {ApiError.WEB_LOGIN_TICKET_UNKNOWN, ApiError.WEB_LOGIN_TICKET_EXPIRED, ApiError.WEB_LOGIN_TICKET_USED,
            ApiError.WEB_LOGIN_TICKET_OTHER_USER, ApiError.TOKEN_WRONG_APP}, families = ApiErrors.Family.ACCOUNT)
    @SecurityRequirement(name = "bearer")
    @PostMapping("/api/v1/web-login/{ticket}/scan")
    WebLoginService.ScanAnswer scan(@PathVariable String ticket, Caller caller, HttpServletRequest request) {
        return service.scan(requireWellFormed(ticket), caller.userId(), caller.appid(), request.getRemoteAddr());
    }

    @Operation(operationId = "confirmWebLoginTicket",
            summary = "The user approved or denied signing in to the website; an approval signs that browser in, once")
    @ApiErrors(value = {ApiError.WEB_LOGIN_TICKET_UNKNOWN, ApiError.WEB_LOGIN_TICKET_EXPIRED, ApiError.WEB_LOGIN_TICKET_USED,
            ApiError.WEB_LOGIN_TICKET_OTHER_USER, ApiError.TOKEN_WRONG_APP}, families = ApiErrors.Family.ACCOUNT)
    @SecurityRequirement(name = "bearer")
    @PostMapping("/api/v1/web-login/{ticket}/confirm")
    WebLoginService.ConfirmAnswer confirm(@PathVariable String ticket, @RequestBody Decision decision, Caller caller) {
        return service.confirm(requireWellFormed(ticket), caller.userId(), caller.appid(), decision.approve());
    }

    private static String requireWellFormed(String ticket) {
        if (!TICKET.matcher(ticket).matches()) {
            throw new ApiException(ApiError.WEB_LOGIN_TICKET_UNKNOWN);
        }
        return ticket;
    }
}
