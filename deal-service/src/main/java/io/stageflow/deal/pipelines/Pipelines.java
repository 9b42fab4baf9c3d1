package io.stageflow.deal.pipelines;

import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface Pipelines extends MongoRepository<Pipeline, String> {

    Optional<Pipeline> findByTenantIdAndId(String tenantId, String id);

    List<Pipeline> findByTenantIdOrderByCreatedAtAsc(String tenantId);
}
