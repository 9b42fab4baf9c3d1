package io.stageflow.survey.runs;

import io.stageflow.platform.web.ResourceNotFoundException;
import io.stageflow.survey.surveys.Survey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Runs as HR sees them: window, status, how many were invited and how many answered. Per-segment results
 * are analytics' business, where the anonymity rules apply.
 */
@Service
public class SurveyRunView {

    private final SurveyRuns runs;
    private final MongoTemplate mongo;

    SurveyRunView(SurveyRuns runs, MongoTemplate mongo) {
        this.runs = runs;
        this.mongo = mongo;
    }

    public record RunBody(
            String id,
            int number,
            RunStatus status,
            Instant opensAt,
            Instant closesAt,
            Instant remindAt,
            boolean reminderSent,
            int invited,
            long responses) {}

    /** Free-text answers of a run, shown only where at least this many people answered. */
    static final int MIN_RESPONSES_FOR_COMMENTS = 10;

    /**
     * The run's comments (free-text answers), optionally of one segment attribute's value, in random order and
     * without segment or day. Withheld ({@code shown} false) when fewer than 10 people answered there, so
     * nobody's wording can be recognised in a small group.
     */
    public record Comments(boolean shown, long responses, List<String> comments) {}

    public Comments comments(Survey survey, String runId, String attribute, String value) {
        SurveyRun run = runs.findById(runId)
                .filter(r -> r.surveyId().equals(survey.id()))
                .orElseThrow(() -> new ResourceNotFoundException("Run", runId));
        Criteria criteria = Criteria.where("runId").is(run.id());
        if (attribute != null) {
            criteria = criteria.and("segment." + attribute).is(value);
        }
        List<Response> answered = mongo.find(Query.query(criteria), Response.class);
        if (answered.size() < MIN_RESPONSES_FOR_COMMENTS) {
            return new Comments(false, answered.size(), List.of());
        }
        List<String> comments = new ArrayList<>();
        answered.forEach(response -> response.answers().stream()
                .map(StoredAnswer::text)
                .filter(text -> text != null && !text.isBlank())
                .forEach(comments::add));
        Collections.shuffle(comments);
        return new Comments(true, answered.size(), comments);
    }

    public List<RunBody> ofSurvey(Survey survey) {
        return runs.findByTenantIdAndSurveyIdOrderByNumberDesc(survey.tenantId(), survey.id()).stream()
                .map(this::body)
                .toList();
    }

    public RunBody body(SurveyRun run) {
        long responses = mongo.count(Query.query(Criteria.where("runId").is(run.id())), Response.class);
        return new RunBody(
                run.id(),
                run.number(),
                run.status(),
                run.opensAt(),
                run.closesAt(),
                run.remindAt(),
                run.reminderSent(),
                run.invited(),
                responses);
    }
}
