package io.stageflow.lead.leads;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface Leads extends MongoRepository<Lead, String> {

    Optional<Lead> findByTenantIdAndId(String tenantId, String id);

    Optional<Lead> findByTenantIdAndEmail(String tenantId, String email);

    /** A page in creation order: ids are UUIDv7, so they sort by creation time. */
    List<Lead> findByTenantIdAndIdGreaterThanOrderByIdAsc(String tenantId, String afterId, Limit limit);
}
