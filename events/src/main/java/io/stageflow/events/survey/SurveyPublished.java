package io.stageflow.events.survey;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stageflow.events.CloudEventType;
import java.time.Instant;
import java.util.List;

/**
 * A survey was created or changed: its questions, cadence and, for {@code ENPS}, the scale that decides who
 * counts as promoter or detractor ({@code ZERO_TO_TEN}: 9–10 / 0–6; {@code ONE_TO_TEN}: 9–10 / 1–6).
 */
@CloudEventType("stageflow.survey.published")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SurveyPublished(
        String surveyId,
        String title,
        String kind,
        List<SurveyQuestion> questions,
        String enpsQuestionId,
        String enpsScale,
        String cadence,
        String timeZone,
        long surveyVersion,
        Instant publishedAt)
        implements SurveyEvent {}
