package io.stageflow.events.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stageflow.events.CloudEventType;
import io.stageflow.events.lead.Utm;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A person seen by marketing automation: a form submission, an imported contact, engagement to add to a
 * known lead. {@code externalId} is the sender's id for the person; email identifies the lead.
 */
@CloudEventType("stageflow.lead.captured")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadCaptured(
        String externalId,
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
        String form,
        Utm utm,
        Consent consent,
        List<Activity> activities,
        String ownerId,
        List<String> tags,
        Map<String, String> attributes,
        Instant capturedAt)
        implements LeadIntakeEvent {

    /** Marketing consent as the person gave it: when, and through which form or channel. */
    public record Consent(boolean marketing, Instant at, String source) {}

    /** Engagement: {@code type} is form-submission, page-visit or email-click. */
    public record Activity(String type, Instant at, Integer count) {}
}
