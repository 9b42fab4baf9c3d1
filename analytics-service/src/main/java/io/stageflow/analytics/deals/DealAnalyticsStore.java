package io.stageflow.analytics.deals;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stageflow.analytics.sequencing.ProjectionGenerations;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/** Reads the deal projections of one tenant; every query names the tenant. */
@Component
class DealAnalyticsStore {

    private final MongoTemplate mongo;
    private final ProjectionGenerations generations;
    private final DealTallies tallies;
    private final Counter answeredFromTally;
    private final Counter answeredFromHistories;

    DealAnalyticsStore(
            MongoTemplate mongo, ProjectionGenerations generations, DealTallies tallies, MeterRegistry meters) {
        this.mongo = mongo;
        this.generations = generations;
        this.tallies = tallies;
        this.answeredFromTally = answers(meters, "tally");
        this.answeredFromHistories = answers(meters, "histories");
    }

    private static Counter answers(MeterRegistry meters, String source) {
        return Counter.builder("stageflow.analytics.deal.answers")
                .description("Deal funnel and forecast answers, by what they were read from")
                .tag("source", source)
                .register(meters);
    }

    /**
     * The pipeline's stored tally, when it answers the question exactly: complete, kept for {@code version}, and
     * {@code asOf} at or after every event it counted (an event dated later would not count as of then).
     */
    Optional<DealTally> tally(String tenantId, String pipelineId, PipelineDefinition.Version version, Instant asOf) {
        Optional<DealTally> answer = tallies.ready(generations.serving(), tenantId, pipelineId)
                .filter(counted -> counted.header().version() == version.pipelineVersion())
                .filter(counted -> counted.header().answersAsOf(asOf))
                .map(counted -> DealTally.of(counted.sum()));
        (answer.isPresent() ? answeredFromTally : answeredFromHistories).increment();
        return answer;
    }

    /** By id alone, which already holds the tenant (ADR 0007: reads by id use {@code _id} only). */
    Optional<PipelineDefinition> pipeline(String tenantId, String pipelineId) {
        return Optional.ofNullable(mongo.findById(
                PipelineDefinition.idOf(tenantId, pipelineId),
                PipelineDefinition.class,
                serving(PipelineDefinition.class)));
    }

    /**
     * Hands every deal history of the pipeline to {@code each}, streamed from a cursor so that memory does not grow
     * with the pipeline. The query names exactly the fields of the tenant_pipeline index; periods and instants are
     * applied while reading, because the embedded store would scan for a range.
     */
    void forEachDeal(String tenantId, String pipelineId, Consumer<DealHistory> each) {
        Query query = Query.query(
                Criteria.where("tenantId").is(tenantId).and("pipelineId").is(pipelineId));
        try (Stream<DealHistory> deals = mongo.stream(query, DealHistory.class, serving(DealHistory.class))) {
            deals.forEach(each);
        }
    }

    private String serving(Class<?> documentType) {
        return generations.serving().collection(mongo.getCollectionName(documentType));
    }
}
