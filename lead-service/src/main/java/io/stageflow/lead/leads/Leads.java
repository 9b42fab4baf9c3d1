package io.stageflow.lead.leads;

import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface Leads extends MongoRepository<Lead, String>, LeadSearchRepository {

    Optional<Lead> findByTenantIdAndEmailKey(String tenantId, String emailKey);
}
