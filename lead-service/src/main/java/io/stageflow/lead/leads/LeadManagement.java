package io.stageflow.lead.leads;

import io.stageflow.platform.web.ResourceNotFoundException;
import java.time.Clock;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;

/** Lead use cases, always within the caller's tenant. */
@Service
public class LeadManagement {

    private final Leads leads;
    private final Clock clock;

    public LeadManagement(Leads leads, Clock clock) {
        this.leads = leads;
        this.clock = clock;
    }

    public Lead create(String tenantId, NewLead details) {
        String email = Lead.normaliseEmail(details.email());
        leads.findByTenantIdAndEmail(tenantId, email).ifPresent(existing -> {
            throw new DuplicateLeadException(existing.id());
        });
        try {
            return leads.save(Lead.capture(tenantId, details, clock));
        } catch (DuplicateKeyException raced) {
            // another request created the same email between our check and our insert
            String existingId =
                    leads.findByTenantIdAndEmail(tenantId, email).map(Lead::id).orElseThrow(() -> raced);
            throw new DuplicateLeadException(existingId);
        }
    }

    public Lead get(String tenantId, String id) {
        return leads.findByTenantIdAndId(tenantId, id).orElseThrow(() -> new ResourceNotFoundException("Lead", id));
    }

    public List<Lead> page(String tenantId, String afterId, int limit) {
        return leads.findByTenantIdAndIdGreaterThanOrderByIdAsc(
                tenantId, afterId == null ? "" : afterId, Limit.of(limit));
    }
}
