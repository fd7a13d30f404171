package dev.wxlogin.server;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips service tests, saying why, when the selected database server (or Redis, in the Redis
 * execution) is not reachable on a developer's machine; fails them when
 * {@code WXLOGIN_TEST_REQUIRE_SERVICES=true} (as in CI).
 */
public class TestDatabaseCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        TestDatabase database = TestDatabase.selected();
        String reason = database.unavailableReason();
        if (reason == null && TestRedis.selected()) {
            reason = TestRedis.unavailableReason();
        }
        if (reason == null) {
            return ConditionEvaluationResult.enabled("database: " + database + (TestRedis.selected() ? ", with Redis" : ""));
        }
        if (TestDatabase.required()) {
            throw new IllegalStateException("WXLOGIN_TEST_REQUIRE_SERVICES=true but " + reason);
        }
        return ConditionEvaluationResult.disabled("skipped, " + reason);
    }
}
