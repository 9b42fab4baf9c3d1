package io.stageflow.events.lead;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stageflow.events.CloudEventType;
import java.time.Instant;

/** A new lead entered the pipeline. {@code source} is the channel (web, import, event, api …). */
@CloudEventType("stageflow.lead.created")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadCreated(String leadId, String source, Utm utm, String status, String ownerId, Instant createdAt)
        implements LeadEvent {}
