package io.stageflow.deal.deals;

import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface Deals extends MongoRepository<Deal, String>, DealSearchRepository {

    Optional<Deal> findByTenantIdAndId(String tenantId, String id);
}
