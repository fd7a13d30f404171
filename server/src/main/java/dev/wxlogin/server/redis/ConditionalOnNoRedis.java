package dev.wxlogin.server.redis;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConfigurationCondition;

/** The opposite of {@link ConditionalOnRedis}: no Redis, each instance keeps its state in memory. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(ConditionalOnNoRedis.RedisUrlNotSet.class)
public @interface ConditionalOnNoRedis {

    /** Matches when {@link ConditionalOnRedis} does not. */
    class RedisUrlNotSet extends NoneNestedConditions {

        RedisUrlNotSet() {
            super(ConfigurationCondition.ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnRedis
        static class RedisUrlSet {
        }
    }
}
