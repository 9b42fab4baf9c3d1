package io.stageflow.events.deal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stageflow.events.CloudEventType;
import io.stageflow.events.Money;
import java.time.Instant;

/** An open deal moved forward or backward between open stages of its pipeline. */
@CloudEventType("stageflow.deal.stage-changed")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StageChanged(
        String dealId,
        String pipelineId,
        String fromStage,
        String toStage,
        long secondsInPreviousStage,
        Money amount,
        int probability,
        boolean stale,
        Instant changedAt)
        implements DealEvent {}
