package io.stageflow.events.deal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stageflow.events.CloudEventType;
import io.stageflow.events.Money;
import java.time.Instant;

/** A deal was lost for {@code reason}, one of its pipeline's lost reasons. */
@CloudEventType("stageflow.deal.lost")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DealLost(
        String dealId,
        String pipelineId,
        String fromStage,
        String toStage,
        long secondsInPreviousStage,
        Money amount,
        String reason,
        Instant lostAt)
        implements DealEvent {}
