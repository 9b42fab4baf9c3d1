package io.stageflow.survey.runs;

import io.stageflow.survey.surveys.Survey;
import java.time.Instant;
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
