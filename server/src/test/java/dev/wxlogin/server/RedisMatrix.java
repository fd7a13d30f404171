package dev.wxlogin.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * A {@link DatabaseMatrix} class that exercises a feature Redis takes over when it is configured (the
 * rate limits' buckets, the platforms' shared access tokens behind phone numbers, Redis in the health
 * report): it runs on every database both without and with Redis, six combinations in all. A matrix
 * class without it runs on H2, PostgreSQL and MariaDB without Redis, where the Redis runs would repeat
 * the same code paths. {@link DatabaseMatrixGuardTest} fails when a class that reaches such a feature
 * is left out.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(DatabaseMatrix.TAG)
@Tag(RedisMatrix.TAG)
public @interface RedisMatrix {

    /** The JUnit tag the Redis executions in server/matrix/pom.xml select. */
    String TAG = "matrix-redis";
}
