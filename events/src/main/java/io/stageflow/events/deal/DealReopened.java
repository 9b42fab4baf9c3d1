package io.stageflow.events.deal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stageflow.events.CloudEventType;
import java.time.Instant;

/**
 * A won or lost deal is open again, in the open stage {@code toStage}. {@code probability} is the one in effect
 * after reopening (the deal's own, or its new stage's); absent in events published before it was added.
 */
@CloudEventType("stageflow.deal.reopened")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DealReopened(
        String dealId,
        String pipelineId,
        String fromStage,
        String toStage,
        boolean stale,
        Instant reopenedAt,
        Integer probability)
        implements DealEvent {}
