package dev.wxlogin.server.audit;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.micrometer.core.instrument.MeterRegistry;

/** The audit log, and the interceptor that records the {@link Audited} endpoints. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration implements WebMvcConfigurer {

    private final ObjectProvider<AuditLog> auditLog;

    AuditConfiguration(ObjectProvider<AuditLog> auditLog) {
        this.auditLog = auditLog;
    }

    @Bean
    AuditLog auditLog(JdbcClient jdbc, ObjectProvider<Clock> clock, AuditProperties properties, MeterRegistry meters) {
        return new AuditLog(jdbc, clock.getIfAvailable(Clock::systemUTC), properties.retention(), meters);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AuditedEndpointInterceptor(auditLog::getObject));
    }
}
