package io.stageflow.events.survey;

import io.stageflow.events.CloudEventType;
import java.time.Instant;
import java.util.List;

/** A run of a survey opened: invitations went out to {@code invited} employees, counted per segment. */
@CloudEventType("stageflow.survey.run-opened")
public record SurveyRunOpened(
        String surveyId,
        String runId,
        int runNumber,
        Instant opensAt,
        Instant closesAt,
        int invited,
        List<SegmentInvitations> segments)
        implements SurveyEvent {}
