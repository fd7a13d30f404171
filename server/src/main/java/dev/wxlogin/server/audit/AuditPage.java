package dev.wxlogin.server.audit;

import java.util.List;

/**
 * One page of audit events, newest first.
 *
 * @param events      the events on this page
 * @param total       how many events match, counted up to {@link AuditLog#COUNT_LIMIT}
 * @param totalCapped whether more than that many match (the count stopped there: an exact count of a
 *                    log of millions of rows would scan them all on every page)
 * @param page        this page's number, from 0
 * @param size        the page size asked for
 */
public record AuditPage(List<AuditEvent> events, long total, boolean totalCapped, int page, int size) {

    /** Whether a page follows this one. */
    public boolean hasNext() {
        return (long) (page + 1) * size < total || totalCapped && events.size() == size;
    }
}
