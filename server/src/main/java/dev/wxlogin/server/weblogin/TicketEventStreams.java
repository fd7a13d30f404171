package dev.wxlogin.server.weblogin;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event streams this instance holds open: at most {@code perTicket} for one ticket and
 * {@code total} over all, so that a client opening streams by the thousand (each holds a connection,
 * a buffer and a place in the poller) is refused before it costs anything.
 */
class TicketEventStreams {

    /** An open stream's place; released once, whoever ends the stream first. */
    final class Lease {

        private final String ticket;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(String ticket) {
            this.ticket = ticket;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                byTicket.computeIfPresent(ticket, (key, count) -> count.decrementAndGet() == 0 ? null : count);
                open.decrementAndGet();
            }
        }
    }

    private final int perTicket;
    private final int total;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> byTicket = new ConcurrentHashMap<>();

    TicketEventStreams(int perTicket, int total) {
        this.perTicket = perTicket;
        this.total = total;
    }

    /** A place for one more stream of {@code ticket}, or empty when the ticket or the instance has no room. */
    Optional<Lease> tryOpen(String ticket) {
        if (open.incrementAndGet() > total) {
            open.decrementAndGet();
            return Optional.empty();
        }
        AtomicBoolean admitted = new AtomicBoolean();
        byTicket.compute(ticket, (key, count) -> {
            AtomicInteger streams = count == null ? new AtomicInteger() : count;
            if (streams.get() < perTicket) {
                streams.incrementAndGet();
                admitted.set(true);
            }
            return streams.get() == 0 ? null : streams;
        });
        if (!admitted.get()) {
            open.decrementAndGet();
            return Optional.empty();
        }
        return Optional.of(new Lease(ticket));
    }

    /** How many streams are open now, over all tickets. */
    int open() {
        return open.get();
    }
}
