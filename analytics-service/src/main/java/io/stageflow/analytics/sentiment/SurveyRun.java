package io.stageflow.analytics.sentiment;

import io.stageflow.events.survey.SurveyRunOpened;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One run of a survey: who was invited (the denominators of response rates) and whether it closed. Its
 * responses are {@link SurveyResponse} documents; {@code sequence} is the run's last event applied, answers
 * included, so a response is counted once however often its event arrives.
 */
@Document("survey_runs")
@CompoundIndex(name = "tenant_survey", def = "{'tenantId': 1, 'surveyId': 1}")
record SurveyRun(
        @Id String id,
        String tenantId,
        String surveyId,
        String runId,
        int runNumber,
        Instant opensAt,
        Instant closesAt,
        long invited,
        List<InvitedSegment> invitedSegments,
        boolean closed,
        Instant closedAt,
        long sequence) {

    /** How many of one segment (the attributes copied at invitation, any may be absent) were invited. */
    record InvitedSegment(String team, String department, String location, long invited) {}

    static String idOf(String tenantId, String runId) {
        return tenantId + ":" + runId;
    }

    static SurveyRun opened(String tenantId, SurveyRunOpened opened, long sequence) {
        return new SurveyRun(
                idOf(tenantId, opened.runId()),
                tenantId,
                opened.surveyId(),
                opened.runId(),
                opened.runNumber(),
                opened.opensAt(),
                opened.closesAt(),
                opened.invited(),
                opened.segments() == null
                        ? List.of()
                        : opened.segments().stream()
                                .map(s -> new InvitedSegment(
                                        s.segment() == null ? null : s.segment().team(),
                                        s.segment() == null ? null : s.segment().department(),
                                        s.segment() == null ? null : s.segment().location(),
                                        s.invited()))
                                .toList(),
                false,
                null,
                sequence);
    }

    /** This run after one more of its events that changes nothing but the sequence (an answer). */
    SurveyRun at(long nextSequence) {
        return new SurveyRun(
                id,
                tenantId,
                surveyId,
                runId,
                runNumber,
                opensAt,
                closesAt,
                invited,
                invitedSegments,
                closed,
                closedAt,
                nextSequence);
    }

    /** This run closed at {@code at} by its event {@code nextSequence}. */
    SurveyRun closedAt(Instant at, long nextSequence) {
        return new SurveyRun(
                id,
                tenantId,
                surveyId,
                runId,
                runNumber,
                opensAt,
                closesAt,
                invited,
                invitedSegments,
                true,
                at,
                nextSequence);
    }

    /** Invited employees whose attribute {@code by} has the segment's value (absent when the value is null). */
    long invited(SegmentDimension by, SegmentKey segment) {
        return invitedSegments.stream()
                .filter(s -> segment.matches(by.valueOf(s)))
                .mapToLong(InvitedSegment::invited)
                .sum();
    }
}
