package io.stageflow.events.lead;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stageflow.events.CloudEventType;
import java.time.Instant;
import java.util.List;

/** Fields of a lead changed; {@code changedFields} names them without their (possibly personal) values. */
@CloudEventType("stageflow.lead.updated")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadUpdated(String leadId, List<String> changedFields, String status, Integer score, Instant updatedAt)
        implements LeadEvent {}
