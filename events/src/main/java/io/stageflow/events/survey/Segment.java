package io.stageflow.events.survey;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The segment attributes of an invited employee, copied when the run opened; any of them may be absent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Segment(String team, String department, String location) {}
