package io.stageflow.platform.idempotency;

import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

@AutoConfiguration(
        afterName = {
            "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
            "io.stageflow.platform.outbox.OutboxAutoConfiguration"
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(MongoTemplate.class)
public class IdempotencyAutoConfiguration {

    @Bean
    IdempotencyRecords idempotencyRecords(MongoTemplate mongo) {
        return new IdempotencyRecords(mongo);
    }

    /** Runs right after Spring Security's chain (order -100), so the caller's tenant is known. */
    @Bean
    FilterRegistrationBean<IdempotencyKeyFilter> idempotencyKeyFilter(
            MongoTemplate mongo, JsonMapper json, Clock clock) {
        var registration = new FilterRegistrationBean<>(new IdempotencyKeyFilter(mongo, json, clock));
        registration.setOrder(0);
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
