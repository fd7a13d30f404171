package dev.wxlogin.server.audit;

import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.wxlogin.server.config.BatchedDelete;
import io.micrometer.core.instrument.MeterRegistry;

/** The audit log, the interceptor that records the {@link Audited} endpoints, and the {@link RequestOrigin} of handlers. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration implements WebMvcConfigurer {

    private final ObjectProvider<AuditLog> auditLog;

    AuditConfiguration(ObjectProvider<AuditLog> auditLog) {
        this.auditLog = auditLog;
    }

    @Bean
    AuditLog auditLog(JdbcClient jdbc, ObjectProvider<Clock> clock, AuditProperties properties, MeterRegistry meters,
                      BatchedDelete batchedDelete) {
        return new AuditLog(jdbc, clock.getIfAvailable(Clock::systemUTC), properties.retention(), meters, batchedDelete);
    }

    @Bean
    @ConditionalOnProperty(name = "wxlogin.audit.hourly-counts", havingValue = "true", matchIfMissing = true)
    HourlyCountsJob auditHourlyCountsJob() {
        return new HourlyCountsJob(auditLog);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AuditedEndpointInterceptor(auditLog::getObject));
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new RequestOriginArgumentResolver());
    }

    /** Every five minutes, the hours that ended since into the dashboard's counts. Idempotent on every instance. */
    static final class HourlyCountsJob {

        private final ObjectProvider<AuditLog> auditLog;

        HourlyCountsJob(ObjectProvider<AuditLog> auditLog) {
            this.auditLog = auditLog;
        }

        @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT5M")
        void countCompletedHours() {
            auditLog.getObject().countCompletedHours();
        }
    }
}
