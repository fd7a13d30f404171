package dev.wxlogin.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * Runs a {@link ServiceTest} class on every database combination (H2, PostgreSQL and MariaDB, each
 * without and with Redis), not only on the default H2: for classes whose outcome depends on SQL,
 * transactions, locking or Redis. Every other class runs once, on H2.
 * {@link DatabaseMatrixGuardTest} fails when a class that touches a store is left out.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(DatabaseMatrix.TAG)
public @interface DatabaseMatrix {

    /** The JUnit tag the database executions in server/pom.xml select. */
    String TAG = "matrix";
}
