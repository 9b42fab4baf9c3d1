package io.stageflow.deal.deals;

import io.stageflow.deal.pipelines.Pipeline;
import io.stageflow.deal.pipelines.Pipelines;
import io.stageflow.deal.pipelines.StageRelocation;
import io.stageflow.platform.outbox.AggregateStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves the deals of removed stages to their targets, one normal stage change per deal. Runs right after the
 * pipeline change and again periodically, so moves left pending by a crash are finished.
 */
@Component
class DealRelocation implements StageRelocation {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DealRelocation.class);
    private static final int BATCH = 200;

    private final MongoTemplate mongo;
    private final Pipelines pipelines;
    private final AggregateStore aggregates;
    private final Clock clock;

    DealRelocation(MongoTemplate mongo, Pipelines pipelines, AggregateStore aggregates, Clock clock) {
        this.mongo = mongo;
        this.pipelines = pipelines;
        this.aggregates = aggregates;
        this.clock = clock;
    }

    @Override
    public Map<String, Long> dealsPerStage(String tenantId, String pipelineId) {
        var aggregation = Aggregation.newAggregation(
                Aggregation.match(Criteria.where("tenantId")
                        .is(tenantId)
                        .and("pipelineId")
                        .is(pipelineId)),
                Aggregation.group("stageKey").count().as("deals"));
        Map<String, Long> counts = new HashMap<>();
        for (Document group : mongo.aggregate(aggregation, Deal.class, Document.class)) {
            counts.put(group.getString("_id"), ((Number) group.get("deals")).longValue());
        }
        return counts;
    }

    @Override
    public Pipeline finish(Pipeline pipeline) {
        for (var move : pipeline.pendingRelocations().entrySet()) {
            moveOpenDeals(pipeline, Criteria.where("stageKey").is(move.getKey()), move.getValue());
        }
        // a deal moved into a removed stage by a request that read the pipeline before the change
        String fallback = pipeline.firstOpenStage().key();
        moveOpenDeals(pipeline, Criteria.where("stageKey").nin(pipeline.stageKeys()), fallback);
        if (!pipeline.pendingRelocations().isEmpty()) {
            // the moves are done: forget them without a new version (nothing about the pipeline changed)
            Update forget = new Update().unset("relocationPending");
            pipeline.pendingRelocations().keySet().forEach(key -> forget.unset("pendingRelocations." + key));
            mongo.updateFirst(Query.query(Criteria.where("_id").is(pipeline.id())), forget, Pipeline.class);
        }
        return pipelines.findById(pipeline.id()).orElse(pipeline);
    }

    private void moveOpenDeals(Pipeline pipeline, Criteria inStage, String targetKey) {
        String after = "";
        List<Deal> batch;
        do {
            batch = mongo.find(
                    Query.query(new Criteria()
                                    .andOperator(
                                            Criteria.where("tenantId").is(pipeline.tenantId()),
                                            Criteria.where("pipelineId").is(pipeline.id()),
                                            Criteria.where("status").is(DealStatus.OPEN),
                                            inStage,
                                            Criteria.where("_id").gt(after)))
                            .with(Sort.by("_id"))
                            .limit(BATCH),
                    Deal.class);
            for (Deal deal : batch) {
                relocate(deal, pipeline, deal.stageKey(), targetKey);
            }
            after = batch.isEmpty() ? after : batch.getLast().id();
        } while (batch.size() == BATCH);
    }

    private void relocate(Deal deal, Pipeline pipeline, String removedKey, String targetKey) {
        for (int attempt = 0; ; attempt++) {
            try {
                deal.relocate(pipeline, removedKey, targetKey, clock);
                if (!deal.recordedEvents().isEmpty()) {
                    aggregates.save(deal);
                }
                return;
            } catch (OptimisticLockingFailureException changedMeanwhile) {
                if (attempt == 5) {
                    throw changedMeanwhile;
                }
                deal = mongo.findById(deal.id(), Deal.class);
                if (deal == null) {
                    return;
                }
            }
        }
    }

    /** Finishes moves a crash left pending. */
    @Scheduled(fixedDelayString = "${stageflow.deal.relocation-check:60s}", initialDelayString = "10s")
    void finishPendingRelocations() {
        for (Pipeline pending :
                mongo.find(Query.query(Criteria.where("relocationPending").is(true)), Pipeline.class)) {
            log.info("finishing stage moves left pending on pipeline {}", pending.id());
            finish(pending);
        }
    }
}
