package dev.wxlogin.server.redis;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Only when {@code wxlogin.redis.url} is set and not blank: state shared by instances lives in Redis. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(ConditionalOnRedis.RedisUrlSet.class)
public @interface ConditionalOnRedis {

    /** Matches when {@code wxlogin.redis.url} has text. */
    class RedisUrlSet extends SpringBootCondition {

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("wxlogin.redis.url");
            return url != null && !url.isBlank()
                    ? ConditionOutcome.match("wxlogin.redis.url is set")
                    : ConditionOutcome.noMatch("wxlogin.redis.url is not set");
        }
    }
}
