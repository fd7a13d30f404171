package dev.wxlogin.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * Runs a {@link ServiceTest} class on every database (H2, PostgreSQL and MariaDB), not only on the
 * default H2: for classes whose outcome depends on SQL, transactions or locking. Every other class runs
 * once, on H2. A class that also exercises what Redis takes over is {@link RedisMatrix} instead, and runs
 * on each database with Redis too. {@link DatabaseMatrixGuardTest} fails when a class that touches a store
 * is left out.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(DatabaseMatrix.TAG)
public @interface DatabaseMatrix {

    /** The JUnit tag the database executions in server/matrix/pom.xml select. */
    String TAG = "matrix";
}
