package io.stageflow.analytics.sentiment;

import io.stageflow.events.survey.SurveyAnswered;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalInt;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One anonymous response with all its numeric answers and its segment, so any question can be broken down
 * by any segment attribute. Its id is the response's own, so writing it twice keeps one document.
 */
@Document("survey_responses")
@CompoundIndex(name = "tenant_run", def = "{'tenantId': 1, 'runId': 1}")
record SurveyResponse(
        @Id String id,
        String tenantId,
        String surveyId,
        String runId,
        String responseId,
        String team,
        String department,
        String location,
        LocalDate answeredOn,
        List<Answer> answers) {

    record Answer(String questionId, int value) {}

    static SurveyResponse of(String tenantId, SurveyAnswered answered) {
        var segment = answered.segment();
        return new SurveyResponse(
                tenantId + ":" + answered.runId() + ":" + answered.responseId(),
                tenantId,
                answered.surveyId(),
                answered.runId(),
                answered.responseId(),
                segment == null ? null : segment.team(),
                segment == null ? null : segment.department(),
                segment == null ? null : segment.location(),
                answered.answeredOn(),
                answered.answers() == null
                        ? List.of()
                        : answered.answers().stream()
                                .map(a -> new Answer(a.questionId(), a.value()))
                                .toList());
    }

    OptionalInt valueOf(String questionId) {
        return answers.stream()
                .filter(a -> a.questionId().equals(questionId))
                .mapToInt(Answer::value)
                .findFirst();
    }
}
