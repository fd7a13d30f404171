package dev.wxlogin.server;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** For tests that need Redis whatever the execution: skipped when it is unreachable, unless required. */
public class RedisAvailableCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String reason = TestRedis.unavailableReason();
        if (reason == null) {
            return ConditionEvaluationResult.enabled("Redis at " + TestRedis.URL);
        }
        if (TestDatabase.required()) {
            throw new IllegalStateException("WXLOGIN_TEST_REQUIRE_SERVICES=true but " + reason);
        }
        return ConditionEvaluationResult.disabled("skipped, " + reason);
    }
}
