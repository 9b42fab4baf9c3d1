package io.stageflow.gateway.apikeys;

import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

/**
 * Health of the store that holds API keys, by {@code ping}: every MongoDB and the embedded store answer it,
 * while Boot's own indicator asks {@code hello}, which the embedded store does not know.
 */
@Configuration(proxyBeanMethods = false)
class ApiKeyStoreHealth {

    @Bean(name = "mongoHealthIndicator")
    ReactiveHealthIndicator mongoHealthIndicator(ReactiveMongoTemplate mongo) {
        return () -> mongo.executeCommand(new Document("ping", 1))
                .map(answer -> Health.up().withDetail("ok", answer.get("ok")).build())
                .onErrorResume(e -> Mono.just(Health.down()
                        .withDetail("error", e.getClass().getSimpleName())
                        .build()));
    }
}
