package io.stageflow.analytics.sentiment;

import io.stageflow.events.survey.NumericAnswer;
import io.stageflow.events.survey.Segment;
import io.stageflow.events.survey.SegmentInvitations;
import io.stageflow.events.survey.SurveyAnswered;
import io.stageflow.events.survey.SurveyEvent;
import io.stageflow.events.survey.SurveyPublished;
import io.stageflow.events.survey.SurveyQuestion;
import io.stageflow.events.survey.SurveyRunClosed;
import io.stageflow.events.survey.SurveyRunOpened;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Survey events as survey-service publishes them, each with the aggregate id and sequence it carries. */
final class SurveyFixtures {

    static final Instant APRIL = Instant.parse("2026-04-01T07:00:00Z");

    private SurveyFixtures() {}

    /** One event as it goes on the wire: its aggregate (the record key) and its sequence in that aggregate. */
    record Sequenced(String aggregateId, long sequence, SurveyEvent event) {}

    static Sequenced enpsSurvey(String surveyId, String scale) {
        return new Sequenced(
                surveyId,
                1,
                new SurveyPublished(
                        surveyId,
                        "Team eNPS",
                        "ENPS",
                        List.of(
                                new SurveyQuestion("enps", "SCALE_0_10", "Would you recommend us?", null, true),
                                new SurveyQuestion("why", "FREE_TEXT", "Why?", null, false)),
                        "enps",
                        scale,
                        "QUARTERLY",
                        "Europe/Berlin",
                        1,
                        APRIL));
    }

    static Sequenced pulseSurvey(String surveyId) {
        return new Sequenced(
                surveyId,
                1,
                new SurveyPublished(
                        surveyId,
                        "Weekly pulse",
                        "PULSE",
                        List.of(
                                new SurveyQuestion("mood", "LIKERT_5", "How was your week?", null, true),
                                new SurveyQuestion("tools", "YES_NO", "Do you have the tools you need?", null, true),
                                new SurveyQuestion(
                                        "office",
                                        "SINGLE_CHOICE",
                                        "Where do you work best?",
                                        List.of("home", "office", "both"),
                                        true),
                                new SurveyQuestion("focus", "SCALE_0_10", "How focused were you?", null, false),
                                new SurveyQuestion("why", "FREE_TEXT", "Anything else?", null, false)),
                        null,
                        null,
                        "WEEKLY",
                        "Europe/Berlin",
                        1,
                        APRIL));
    }

    /** An answer from someone of {@code team} (department engineering, location Berlin). */
    static Answer from(String team, NumericAnswer... answers) {
        return new Answer(new Segment(team, "engineering", "Berlin"), List.of(answers));
    }

    /** An answer to the eNPS question alone. */
    static Answer enpsAnswer(String team, int value) {
        return from(team, new NumericAnswer("enps", value));
    }

    static List<Answer> enpsAnswers(String team, int... values) {
        List<Answer> answers = new ArrayList<>();
        for (int value : values) {
            answers.add(enpsAnswer(team, value));
        }
        return answers;
    }

    record Answer(Segment segment, List<NumericAnswer> answers) {}

    /**
     * A whole run in aggregate order: opened (sequence 1), one event per answer, closed last; it invited the sum of
     * {@code invited}.
     */
    static List<Sequenced> run(
            String surveyId,
            String runId,
            int runNumber,
            Instant opensAt,
            List<SegmentInvitations> invited,
            List<Answer> answers) {
        int total = invited.stream().mapToInt(SegmentInvitations::invited).sum();
        List<Sequenced> events = new ArrayList<>();
        events.add(new Sequenced(
                runId,
                1,
                new SurveyRunOpened(
                        surveyId, runId, runNumber, opensAt, opensAt.plus(Duration.ofDays(7)), total, invited)));
        LocalDate day = LocalDate.ofInstant(opensAt, ZoneOffset.UTC).plusDays(1);
        for (Answer answer : answers) {
            events.add(new Sequenced(
                    runId,
                    events.size() + 1,
                    new SurveyAnswered(
                            surveyId, runId, UUID.randomUUID().toString(), answer.segment(), day, answer.answers())));
        }
        events.add(new Sequenced(
                runId,
                events.size() + 1,
                new SurveyRunClosed(surveyId, runId, total, answers.size(), opensAt.plus(Duration.ofDays(7)))));
        return events;
    }

    static SegmentInvitations invited(String team, int invited) {
        return new SegmentInvitations(new Segment(team, "engineering", "Berlin"), invited);
    }

    /** 6 promoters, 3 passives, 3 detractors on a 0–10 scale, all of team platform. */
    static List<Answer> sixPromotersThreePassivesThreeDetractors() {
        return enpsAnswers("platform", 9, 10, 9, 10, 9, 10, 7, 8, 7, 0, 6, 3);
    }
}
