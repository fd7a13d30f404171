package dev.wxlogin.server.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Records every call of an endpoint that acts for the caller of an access token in the audit log,
 * with its outcome: {@code OK}, or the error code it was answered with.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Audited {

    /** The event the endpoint's calls are. */
    AuditEventType value();
}
