package io.stageflow.lead.leads.web;

import io.stageflow.lead.leads.Attribution;
import io.stageflow.lead.leads.Consent;
import io.stageflow.lead.leads.Conversion;
import io.stageflow.lead.leads.LeadDraft;
import io.stageflow.lead.leads.LeadEdit;
import io.stageflow.lead.leads.LeadStatus;
import io.stageflow.lead.leads.Profile;
import io.stageflow.platform.money.Amount;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** The JSON bodies lead endpoints accept. Field rules live in LeadValidation, shared with intake and import. */
final class LeadRequests {

    private LeadRequests() {}

    record UtmBody(String source, String medium, String campaign, String term, String content) {

        Attribution toAttribution() {
            return new Attribution(source, medium, campaign, term, content);
        }
    }

    record ConsentBody(
            @NotNull Boolean marketing,
            Instant at,
            @Size(max = 200) String source) {

        Consent toConsent(Instant now) {
            return new Consent(marketing, at == null ? now : at, source);
        }
    }

    record CreateLead(
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
            UtmBody utm,
            @Valid ConsentBody consent,
            String ownerId,
            Set<String> tags,
            Map<String, String> attributes) {

        LeadDraft toDraft(Instant now) {
            return new LeadDraft(
                    email,
                    new Profile(firstName, lastName, company, jobTitle, phone, industry, companySize, country),
                    source == null ? "api" : source,
                    utm == null ? null : utm.toAttribution(),
                    consent == null ? null : consent.toConsent(now),
                    ownerId,
                    tags,
                    attributes,
                    null,
                    null,
                    now);
        }
    }

    /** null leaves a field as it is; "" clears a text field. */
    record EditLead(
            String firstName,
            String lastName,
            String company,
            String jobTitle,
            String phone,
            String industry,
            Integer companySize,
            String country,
            @Valid ConsentBody consent,
            String ownerId,
            Set<String> tags,
            Map<String, String> attributes,
            LeadStatus status) {

        LeadEdit toEdit(Instant now) {
            return new LeadEdit(
                    new Profile(firstName, lastName, company, jobTitle, phone, industry, companySize, country),
                    ownerId,
                    tags,
                    attributes,
                    consent == null ? null : consent.toConsent(now),
                    status);
        }
    }

    record Disqualify(@NotBlank @Size(max = 500) String reason) {}

    record Convert(
            @Size(max = 100) String pipelineId,
            @Size(max = 200) String title,
            @Valid Amount amount) {

        Conversion toConversion() {
            return new Conversion(pipelineId, title, amount);
        }
    }
}
