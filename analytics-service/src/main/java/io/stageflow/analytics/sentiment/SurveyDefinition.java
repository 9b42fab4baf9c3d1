package io.stageflow.analytics.sentiment;

import io.stageflow.events.survey.SurveyPublished;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A survey as its results need it: the questions that say how to read a numeric answer, and for eNPS the
 * question and scale. Always the newest published version; {@code sequence} is the survey's last event applied.
 */
@Document("survey_definitions")
record SurveyDefinition(
        @Id String id,
        String tenantId,
        String surveyId,
        String title,
        String kind,
        List<Question> questions,
        String enpsQuestionId,
        String enpsScale,
        String timeZone,
        long surveyVersion,
        long sequence) {

    record Question(String questionId, String type, String text, List<String> options) {}

    static String idOf(String tenantId, String surveyId) {
        return tenantId + ":" + surveyId;
    }

    static SurveyDefinition of(String tenantId, SurveyPublished published, long sequence) {
        return new SurveyDefinition(
                idOf(tenantId, published.surveyId()),
                tenantId,
                published.surveyId(),
                published.title(),
                published.kind(),
                published.questions().stream()
                        .map(q -> new Question(q.questionId(), q.type(), q.text(), q.options()))
                        .toList(),
                published.enpsQuestionId(),
                published.enpsScale(),
                published.timeZone(),
                published.surveyVersion(),
                sequence);
    }

    Optional<Question> question(String questionId) {
        return questions.stream().filter(q -> q.questionId().equals(questionId)).findFirst();
    }

    /** The zone that decides on which day a run opened, as the survey's audience sees it. */
    ZoneId zone() {
        try {
            return timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
