package io.stageflow.lead.leads.web;

import io.stageflow.lead.leads.Activity;
import io.stageflow.lead.leads.Attribution;
import io.stageflow.lead.leads.Consent;
import io.stageflow.lead.leads.Lead;
import io.stageflow.lead.leads.LeadStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What lead endpoints answer. */
final class LeadResponses {

    private LeadResponses() {}

    record LeadBody(
            String id,
            String email,
            String firstName,
            String lastName,
            String company,
            String jobTitle,
            String phone,
            String industry,
            Integer companySize,
            String country,
            String source,
            Attribution utm,
            Consent consent,
            String ownerId,
            Set<String> tags,
            Map<String, String> attributes,
            LeadStatus status,
            String disqualificationReason,
            int score,
            String convertedDealId,
            Instant createdAt,
            Instant updatedAt,
            Instant erasedAt,
            long version) {

        static LeadBody of(Lead lead) {
            var p = lead.profile();
            return new LeadBody(
                    lead.id(),
                    lead.email(),
                    p.firstName(),
                    p.lastName(),
                    p.company(),
                    p.jobTitle(),
                    p.phone(),
                    p.industry(),
                    p.companySize(),
                    p.country(),
                    lead.source(),
                    lead.attribution(),
                    lead.consent(),
                    lead.ownerId(),
                    lead.tags(),
                    lead.attributes(),
                    lead.status(),
                    lead.disqualificationReason(),
                    lead.score(),
                    lead.convertedDealId(),
                    lead.createdAt(),
                    lead.updatedAt(),
                    lead.erasedAt(),
                    lead.version());
        }
    }

    record LeadPage(List<LeadBody> items, String nextCursor) {}

    /** Right of access: everything stored about the person, including the history behind the current values. */
    record LeadExport(LeadBody lead, List<Consent> consentHistory, List<Activity> activities, Instant exportedAt) {}

    record ConversionAccepted(String leadId, String dealId, String pipelineId) {}
}
