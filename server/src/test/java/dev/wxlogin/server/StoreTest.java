package dev.wxlogin.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test of stores and session logic on a bare {@link StoreDatabase}: no service, no Spring context,
 * the real classes constructed directly over a {@code JdbcClient}, the database migrated by our Flyway
 * scripts. Its test and life-cycle methods take a {@link StoreDatabase} (or a {@code JdbcClient}) as
 * a parameter.
 *
 * <p>It runs on <b>H2</b> (an in-memory database, in the {@code default-test} execution),
 * <b>PostgreSQL</b> ({@code postgresql}) and <b>MariaDB</b> ({@code mariadb}), a fresh database of
 * its own in each, and is skipped like the service tests where a server is not reachable. Not in the
 * Redis executions: nothing here touches Redis.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag(StoreTest.TAG)
@ExtendWith(StoreDatabase.Extension.class)
public @interface StoreTest {

    /** The JUnit tag the {@code postgresql} and {@code mariadb} executions in server/matrix/pom.xml select, besides {@link DatabaseMatrix#TAG}. */
    String TAG = "store";
}
