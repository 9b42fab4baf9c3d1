package io.stageflow.events.survey;

import io.stageflow.events.CloudEventType;
import java.time.LocalDate;
import java.util.List;

/**
 * One anonymous response: numeric answers only, the segment copied at invitation time and the day (never a
 * time of day). Responses are published together once at least 5 of a run and segment wait, or when the run
 * closes, so an event's timing cannot point at the person who just answered. {@code responseId} is random and
 * known to nobody but the stored response.
 */
@CloudEventType("stageflow.survey.answered")
public record SurveyAnswered(
        String surveyId,
        String runId,
        String responseId,
        Segment segment,
        LocalDate answeredOn,
        List<NumericAnswer> answers)
        implements SurveyEvent {}
