package dev.wxlogin.server;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a test service at the selected {@link TestDatabase} (H2 needs nothing: the data dir places
 * it) and, in the Redis execution, at {@link TestRedis}.
 */
public class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestDatabase database = TestDatabase.selected();
        Map<String, Object> properties = new HashMap<>();
        if (database != TestDatabase.H2) {
            properties.put("spring.datasource.url", database.jdbcUrl());
            properties.put("spring.datasource.username", database.user());
            properties.put("spring.datasource.password", database.password());
        }
        if (TestRedis.selected()) {
            properties.put("wxlogin.redis.url", TestRedis.URL);
            // One prefix per application context: each context runs its own sandbox WeChat, whose
            // access_tokens another context must never find in Redis.
            properties.put("wxlogin.redis.key-prefix", TestRedis.keyPrefix("context-" + UUID.randomUUID()));
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("wxlogin-test-database", properties));
    }
}
