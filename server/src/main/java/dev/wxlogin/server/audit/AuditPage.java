package dev.wxlogin.server.audit;

import java.util.List;

/**
 * One page of audit events, newest first.
 *
 * @param events the events on this page
 * @param total  how many events match in all
 * @param page   this page's number, from 0
 * @param size   the page size asked for
 */
public record AuditPage(List<AuditEvent> events, long total, int page, int size) {
}
