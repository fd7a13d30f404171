package dev.wxlogin.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The sandbox's store of one-time login codes, past the size at which it forgets expired ones. */
class SimulatedWeChatUsersTest {

    private static final String APPID = SandboxApp.DEFAULT_APPID;
    private static final Duration TTL = Duration.ofMinutes(5);

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final SimulatedWeChatUsers users = new SimulatedWeChatUsers(
            Map.of(APPID, new SandboxApp(APPID, "secret", false)), TTL, clock);

    @Test
    void aLargeStoreForgetsExpiredCodesButNotValidOnesAndSweepsAtMostOnceASecond() {
        String expiring = users.login(APPID, "early");
        String alsoExpiring = users.login(APPID, "early-too");
        clock.advance(TTL.plusSeconds(1));
        for (int i = 0; i < 50_000; i++) {
            users.login(APPID, "bulk");
        }
        // The sweep just now (past the threshold) forgot both early codes; valid ones stay.
        assertThat(users.exchange(APPID, expiring).problem()).isEqualTo(SimulatedWeChatUsers.CodeProblem.UNKNOWN);
        String valid = users.login(APPID, "late");
        assertThat(users.exchange(APPID, valid).problem()).isNull();

        String next = users.login(APPID, "next");
        clock.advance(TTL.plusSeconds(1));
        users.login(APPID, "bulk");
        assertThat(users.exchange(APPID, next).problem()).as("swept a second or more after the last sweep: forgotten")
                .isEqualTo(SimulatedWeChatUsers.CodeProblem.UNKNOWN);
        assertThat(users.exchange(APPID, alsoExpiring).problem()).isEqualTo(SimulatedWeChatUsers.CodeProblem.UNKNOWN);
    }

    @Test
    void withinASecondOfASweepTheStoreIsNotWalkedAgain() {
        String a = users.login(APPID, "a");
        String b = users.login(APPID, "b");
        for (int i = 0; i < 50_000; i++) {
            users.login(APPID, "bulk"); // the first one past the threshold sweeps (nothing has expired)
        }
        clock.advance(TTL.minusMillis(500));
        users.login(APPID, "bulk"); // sweeps again: a and b are still valid

        clock.advance(Duration.ofMillis(600));
        users.login(APPID, "bulk"); // 0.6 s since the sweep: none
        assertThat(users.exchange(APPID, a).problem()).as("expired but not yet forgotten")
                .isEqualTo(SimulatedWeChatUsers.CodeProblem.EXPIRED);

        clock.advance(Duration.ofMillis(500));
        users.login(APPID, "bulk"); // 1.1 s since the sweep: sweeps
        assertThat(users.exchange(APPID, b).problem()).isEqualTo(SimulatedWeChatUsers.CodeProblem.UNKNOWN);
    }
}
