package dev.wxlogin.server.weblogin;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.swagger.v3.oas.annotations.Hidden;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiErrors;
import dev.wxlogin.server.error.ErrorResponses;

/**
 * The scan page's status as Server-Sent Events, bounded: a few streams per ticket and a ceiling per
 * instance ({@link TicketEventStreams}); past them {@code 429 RATE_LIMITED} with {@code Retry-After},
 * and the page polls {@code /status} instead. A stream's watch ends with the stream: a heartbeat
 * comment finds a client that left within seconds, and its place is given back.
 */
@Controller
@Hidden
class ScanEventsController {

    private static final Duration POLL_EVERY = Duration.ofMillis(500);
    /** A comment every fourth check (2 s): writing is how a stream learns that its client left. */
    private static final int HEARTBEAT_EVERY = 4;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final WebLoginService service;
    private final WebLoginProperties properties;
    private final ScheduledExecutorService poller;
    private final TicketEventStreams streams;
    private final ErrorResponses errors;

    ScanEventsController(WebLoginService service, WebLoginProperties properties, ScheduledExecutorService webLoginPoller,
                         TicketEventStreams streams, ErrorResponses errors) {
        this.service = service;
        this.properties = properties;
        this.poller = webLoginPoller;
        this.streams = streams;
        this.errors = errors;
    }

    /** The status as Server-Sent Events ({@code status}), one per change, until the ticket is decided or over. */
    @GetMapping(path = "/login/scan/{ticket}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ApiErrors(ApiError.RATE_LIMITED)
    ResponseEntity<SseEmitter> events(@PathVariable String ticket, @CookieValue(name = ScanPageController.COOKIE, required = false) String claim,
                                      HttpServletRequest request, HttpServletResponse response) throws IOException {
        String secret = ScanPageController.secretFor(ticket, claim);
        if (service.status(ticket, secret).isEmpty()) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        Optional<TicketEventStreams.Lease> lease = streams.tryOpen(ticket);
        if (lease.isEmpty()) {
            // Written here: the mapping produces only event streams, which an error body is not.
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()));
            errors.write(ApiError.RATE_LIMITED, "too many event streams; poll /status instead", request, response);
            return null;
        }
        SseEmitter emitter = new SseEmitter(properties.ticketTtl().plusSeconds(30).toMillis());
        AtomicReference<TicketStatus> last = new AtomicReference<>();
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        AtomicInteger checks = new AtomicInteger();
        Runnable stop = () -> {
            ScheduledFuture<?> running = task.get();
            if (running != null) {
                running.cancel(false);
            }
            lease.get().release();
        };
        Runnable check = () -> {
            try {
                TicketStatus now = service.status(ticket, secret).map(WebLoginService.PageStatus::status).orElse(TicketStatus.EXPIRED);
                if (now != last.getAndSet(now)) {
                    emitter.send(SseEmitter.event().name("status").data(now.name()));
                } else if (checks.incrementAndGet() % HEARTBEAT_EVERY == 0) {
                    emitter.send(SseEmitter.event().comment(""));
                }
                if (now != TicketStatus.PENDING && now != TicketStatus.SCANNED) {
                    emitter.complete();
                    stop.run();
                }
            } catch (IOException | IllegalStateException e) {
                // The browser went away (or the emitter timed out): stop watching.
                stop.run();
            } catch (RuntimeException e) {
                emitter.completeWithError(e);
                stop.run();
            }
        };
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(failure -> stop.run());
        task.set(poller.scheduleWithFixedDelay(check, 0, POLL_EVERY.toMillis(), TimeUnit.MILLISECONDS));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(emitter);
    }
}
