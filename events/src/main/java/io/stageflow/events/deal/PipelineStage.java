package io.stageflow.events.deal;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One stage of a pipeline as {@link PipelineDefined} lists it: {@code probability} 0–100, {@code rottingDays}
 * absent when deals never go stale by time in this stage, {@code type} {@code OPEN}, {@code WON} or {@code LOST}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipelineStage(String key, String name, int probability, Integer rottingDays, String type) {}
