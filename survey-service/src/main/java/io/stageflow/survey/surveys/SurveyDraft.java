package io.stageflow.survey.surveys;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * A survey as a client describes it. Questions come from the bank ({@code bankKey}) or are written out; an
 * eNPS survey brings its own two questions. The schedule is read in {@code timeZone}: the first run opens on
 * {@code startsOn} at {@code sendTime}, the next ones at the cadence's rhythm, each open {@code windowDays}.
 */
public record SurveyDraft(
        String title,
        SurveyKind kind,
        List<QuestionDraft> questions,
        EnpsScale enpsScale,
        Boolean askWhy,
        String language,
        Cadence cadence,
        String timeZone,
        LocalDate startsOn,
        LocalTime sendTime,
        Integer windowDays,
        Audience audience) {

    public record QuestionDraft(
            String id, String bankKey, QuestionType type, String text, List<String> options, Boolean required) {}
}
