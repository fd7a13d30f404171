package dev.wxlogin.server.config;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Ids of the rows every login inserts (refresh tokens, sessions, audit events): time-ordered UUIDs
 * (RFC 9562 version 7: milliseconds, then random bits that count up within a millisecond). Consecutive inserts land side by side at the
 * end of the primary-key index instead of in a random page of it, which a B-tree store (H2's above all,
 * which rewrites every page it touched) pays for at every commit. Unguessable enough for ids, never
 * a secret: they tell when the row was made.
 */
public final class RowIds {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private RowIds() {
    }

    /** A new id, in the 36-character form the id columns hold. */
    public static String next() {
        return GENERATOR.generate().toString();
    }
}
