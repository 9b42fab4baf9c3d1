package io.stageflow.events.deal;

import io.stageflow.events.CloudEventType;
import java.time.Instant;
import java.util.List;

/** A pipeline was created or changed: its full, ordered stage list at {@code pipelineVersion}. */
@CloudEventType("stageflow.pipeline.defined")
public record PipelineDefined(
        String pipelineId,
        String pipelineName,
        String kind,
        long pipelineVersion,
        List<PipelineStage> stages,
        List<String> lostReasons,
        Instant definedAt)
        implements DealEvent {}
