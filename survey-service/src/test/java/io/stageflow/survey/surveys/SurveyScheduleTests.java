package io.stageflow.survey.surveys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stageflow.platform.web.FieldError;
import io.stageflow.platform.web.InvalidInputException;
import io.stageflow.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When runs open: in the survey's time zone, at the cadence's rhythm, missed ones skipped rather than late. */
class SurveyScheduleTests {

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-30T12:00:00Z"));

    @Test
    void monthlyRunsOpenAtTheLocalTimeOfTheTimeZoneWithoutDriftingFromTheThirtyFirst() {
        Survey survey = create(Cadence.MONTHLY, "Europe/Berlin", LocalDate.parse("2026-01-31"));

        assertThat(survey.nextRunAt()).isEqualTo(Instant.parse("2026-01-31T08:00:00Z")); // 09:00 in Berlin, winter
        assertThat(survey.occurrenceAt(1)).isEqualTo(Instant.parse("2026-02-28T08:00:00Z"));
        assertThat(survey.occurrenceAt(2)).isEqualTo(Instant.parse("2026-03-31T07:00:00Z")); // summer time
    }

    @Test
    void afterARunOpensTheNextOccurrenceIsDueAndOccurrencesWhoseWindowPassedAreSkipped() {
        Survey survey = create(Cadence.WEEKLY, "UTC", LocalDate.parse("2026-01-30"));
        assertThat(survey.nextRunAt()).isEqualTo(Instant.parse("2026-01-30T09:00:00Z"));

        survey.runOpened(1, 0, clock.instant());
        assertThat(survey.nextRunAt()).isEqualTo(Instant.parse("2026-02-06T09:00:00Z"));
        assertThat(survey.nextRunNumber()).isEqualTo(2);

        clock.advance(Duration.ofDays(30)); // the service was down for a month
        survey.runOpened(2, 1, clock.instant());
        assertThat(survey.nextRunAt()).isAfter(clock.instant().minus(Duration.ofDays(5)));
    }

    @Test
    void aOneOffSurveyHasNoRunAfterItsFirst() {
        Survey survey = create(Cadence.ONCE, "UTC", LocalDate.parse("2026-02-02"));
        survey.runOpened(1, 0, clock.instant());

        assertThat(survey.nextRunAt()).isNull();
    }

    @Test
    void anEleventhPulseQuestionIsRejected() {
        List<SurveyDraft.QuestionDraft> eleven = java.util.stream.IntStream.rangeClosed(1, 11)
                .mapToObj(i -> new SurveyDraft.QuestionDraft(null, "workload", null, null, null, null))
                .toList();

        assertThatThrownBy(() ->
                        SurveyValidation.check(draft(Cadence.WEEKLY, "UTC", null, SurveyKind.PULSE, eleven), clock))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("questions"));
        assertThat(SurveyValidation.check(
                                draft(Cadence.WEEKLY, "UTC", null, SurveyKind.PULSE, eleven.subList(0, 10)), clock)
                        .questions())
                .hasSize(10)
                .extracting(Question::id)
                .startsWith("q1", "q2");
    }

    @Test
    void anEnpsSurveyAsksTheStandardQuestionInItsLanguage() {
        var definition = SurveyValidation.check(
                new SurveyDraft(
                        "eNPS",
                        SurveyKind.ENPS,
                        null,
                        EnpsScale.ONE_TO_TEN,
                        null,
                        "de",
                        Cadence.QUARTERLY,
                        "Europe/Berlin",
                        null,
                        null,
                        null,
                        new Audience(true, null, null, null)),
                clock);

        assertThat(definition.questions()).extracting(Question::id).containsExactly("enps", "why");
        assertThat(definition.questions().getFirst().text()).startsWith("Wie wahrscheinlich");
        assertThat(definition.enpsScale()).isEqualTo(EnpsScale.ONE_TO_TEN);
        assertThat(definition.windowDays()).isEqualTo(14);
    }

    private Survey create(Cadence cadence, String zone, LocalDate startsOn) {
        var definition = SurveyValidation.check(draft(cadence, zone, startsOn, SurveyKind.ENPS, null), clock);
        return Survey.create("tenant", "survey-1", definition, clock.instant());
    }

    private static SurveyDraft draft(
            Cadence cadence,
            String zone,
            LocalDate startsOn,
            SurveyKind kind,
            List<SurveyDraft.QuestionDraft> questions) {
        return new SurveyDraft(
                "Survey",
                kind,
                questions,
                null,
                null,
                "en",
                cadence,
                zone,
                startsOn,
                LocalTime.of(9, 0),
                null,
                new Audience(true, null, null, null));
    }
}
