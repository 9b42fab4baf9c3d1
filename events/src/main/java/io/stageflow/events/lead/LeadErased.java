package io.stageflow.events.lead;

import io.stageflow.events.CloudEventType;
import java.time.Instant;

/** GDPR erasure: lead-service deleted the person's data; projections keep only anonymous counts. */
@CloudEventType("stageflow.lead.erased")
public record LeadErased(String leadId, Instant erasedAt) implements LeadEvent {}
