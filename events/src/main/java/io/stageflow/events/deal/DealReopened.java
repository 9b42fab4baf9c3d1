package io.stageflow.events.deal;

import io.stageflow.events.CloudEventType;
import java.time.Instant;

/** A won or lost deal is open again, in the open stage {@code toStage}. */
@CloudEventType("stageflow.deal.reopened")
public record DealReopened(
        String dealId, String pipelineId, String fromStage, String toStage, boolean stale, Instant reopenedAt)
        implements DealEvent {}
