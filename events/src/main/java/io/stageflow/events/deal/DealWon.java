package io.stageflow.events.deal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stageflow.events.CloudEventType;
import io.stageflow.events.Money;
import java.time.Instant;

/** A deal was won: it left {@code fromStage} for the pipeline's won stage {@code toStage}. */
@CloudEventType("stageflow.deal.won")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DealWon(
        String dealId,
        String pipelineId,
        String fromStage,
        String toStage,
        long secondsInPreviousStage,
        Money amount,
        Instant wonAt)
        implements DealEvent {}
