package io.stageflow.lead.leads.web;

import io.stageflow.lead.leads.Lead;
import io.stageflow.lead.leads.LeadStatus;
import java.time.Instant;

record LeadResponse(
        String id,
        String email,
        String firstName,
        String lastName,
        String company,
        String source,
        LeadStatus status,
        Instant createdAt,
        long version) {

    static LeadResponse of(Lead lead) {
        return new LeadResponse(
                lead.id(),
                lead.email(),
                lead.firstName(),
                lead.lastName(),
                lead.company(),
                lead.source(),
                lead.status(),
                lead.createdAt(),
                lead.version());
    }
}
