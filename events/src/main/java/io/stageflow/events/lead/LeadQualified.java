package io.stageflow.events.lead;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stageflow.events.CloudEventType;
import java.time.Instant;

/** A lead reached {@code MQL} (by score) or {@code SQL} (by a person). */
@CloudEventType("stageflow.lead.qualified")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadQualified(String leadId, String fromStatus, String toStatus, Integer score, Instant qualifiedAt)
        implements LeadEvent {}
