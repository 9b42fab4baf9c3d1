package io.stageflow.events.lead;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stageflow.events.CloudEventType;
import io.stageflow.events.Money;
import java.time.Instant;

/** A lead became a deal; deal-service opens {@code dealId} in the pipeline's first open stage. */
@CloudEventType("stageflow.lead.converted")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadConverted(
        String leadId,
        String dealId,
        String pipelineId,
        String title,
        Money amount,
        String ownerId,
        Instant convertedAt)
        implements LeadEvent {}
