package io.stageflow.deal.pipelines;

import java.util.List;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface Pipelines extends MongoRepository<Pipeline, String> {

    List<Pipeline> findByTenantIdOrderByCreatedAtAsc(String tenantId);
}
