package io.stageflow.gateway.apikeys;

import org.springframework.data.mongodb.repository.ReactiveMongoRepository;
import reactor.core.publisher.Flux;

public interface ApiKeys extends ReactiveMongoRepository<ApiKey, String> {

    Flux<ApiKey> findByTenantId(String tenantId);
}
