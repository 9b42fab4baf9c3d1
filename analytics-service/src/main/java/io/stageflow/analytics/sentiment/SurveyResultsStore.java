package io.stageflow.analytics.sentiment;

import io.stageflow.analytics.sequencing.ProjectionGenerations;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Reads the survey projections of one tenant; every query names the tenant. */
@Component
class SurveyResultsStore {

    private final MongoTemplate mongo;
    private final ProjectionGenerations generations;

    SurveyResultsStore(MongoTemplate mongo, ProjectionGenerations generations) {
        this.mongo = mongo;
        this.generations = generations;
    }

    /** By id alone, which already holds the tenant (ADR 0007: reads by id use {@code _id} only). */
    Optional<SurveyDefinition> survey(String tenantId, String surveyId) {
        return Optional.ofNullable(mongo.findById(
                SurveyDefinition.idOf(tenantId, surveyId), SurveyDefinition.class, serving(SurveyDefinition.class)));
    }

    /** In run order; the query names exactly the fields of the tenant_survey index. */
    List<SurveyRun> runs(String tenantId, String surveyId) {
        return mongo
                .find(
                        Query.query(Criteria.where("tenantId")
                                .is(tenantId)
                                .and("surveyId")
                                .is(surveyId)),
                        SurveyRun.class,
                        serving(SurveyRun.class))
                .stream()
                .sorted(Comparator.comparingInt(SurveyRun::runNumber).thenComparing(SurveyRun::opensAt))
                .toList();
    }

    List<SurveyResponse> responses(String tenantId, String runId) {
        return mongo.find(
                Query.query(Criteria.where("tenantId").is(tenantId).and("runId").is(runId)),
                SurveyResponse.class,
                serving(SurveyResponse.class));
    }

    private String serving(Class<?> documentType) {
        return generations.serving().collection(mongo.getCollectionName(documentType));
    }
}
