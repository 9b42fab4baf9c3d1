package io.stageflow.events.lead;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stageflow.events.CloudEventType;
import java.time.Instant;

@CloudEventType("stageflow.lead.disqualified")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadDisqualified(String leadId, String fromStatus, String reason, Instant disqualifiedAt)
        implements LeadEvent {}
