package io.stageflow.events.survey;

import io.stageflow.events.CloudEventType;
import java.time.Instant;

/** A run closed: no more answers; every response it received has been published before this event. */
@CloudEventType("stageflow.survey.run-closed")
public record SurveyRunClosed(String surveyId, String runId, int invited, int responses, Instant closedAt)
        implements SurveyEvent {}
