package io.stageflow.analytics.deals;

import io.stageflow.analytics.sequencing.Generation;
import io.stageflow.analytics.sequencing.SequencedDocuments;
import io.stageflow.analytics.tallying.Counters;
import io.stageflow.analytics.tallying.TallyScope;
import io.stageflow.analytics.tallying.TallySubject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * A pipeline's funnel and forecast as a tally of its deals' shares ({@link DealTally}), kept for the pipeline's
 * current version: a redefinition starts a tally of the new version, which counts every deal again.
 */
@Component
class DealTallySubject implements TallySubject<DealHistory, PipelineDefinition> {

    private final MongoTemplate mongo;
    private final SequencedDocuments documents;
    private final List<DealOutcomeListener> outcomeListeners;

    DealTallySubject(MongoTemplate mongo, SequencedDocuments documents, List<DealOutcomeListener> outcomeListeners) {
        this.mongo = mongo;
        this.documents = documents;
        this.outcomeListeners = outcomeListeners;
    }

    @Override
    public String name() {
        return "deal";
    }

    @Override
    public Class<DealHistory> memberType() {
        return DealHistory.class;
    }

    @Override
    public String memberId(DealHistory history) {
        return history.id();
    }

    @Override
    public long sequence(DealHistory history) {
        return history.sequence();
    }

    @Override
    public Instant latestAt(DealHistory history, TallyScope<PipelineDefinition> scope) {
        return history.latestAt();
    }

    @Override
    public String tallyId(DealHistory history) {
        return PipelineDefinition.idOf(history.tenantId(), history.pipelineId());
    }

    @Override
    public Map<String, TallyScope<PipelineDefinition>> scopesOf(
            Generation generation, Collection<DealHistory> histories) {
        Set<String> ids = new HashSet<>();
        histories.forEach(history -> ids.add(tallyId(history)));
        Map<String, TallyScope<PipelineDefinition>> scopes = new HashMap<>();
        mongo.find(Query.query(Criteria.where("_id").in(ids)), PipelineDefinition.class, definitions(generation))
                .forEach(pipeline -> scopes.put(pipeline.id(), scope(pipeline)));
        return scopes;
    }

    @Override
    public List<TallyScope<PipelineDefinition>> dueScopes(Generation generation) {
        return mongo.findAll(PipelineDefinition.class, definitions(generation)).stream()
                .map(DealTallySubject::scope)
                .toList();
    }

    @Override
    public Counters share(DealHistory history, TallyScope<PipelineDefinition> scope, long version) {
        PipelineDefinition pipeline = scope.context();
        PipelineDefinition.Version stages = pipeline.versions().stream()
                .filter(v -> v.pipelineVersion() == version)
                .findFirst()
                .orElse(pipeline.latest());
        return DealTally.of(history, stages, Instant.MAX).counters();
    }

    /** Only a deal that was ever won, lost or reopened can have changed whether it is won. */
    @Override
    public void counted(Generation generation, List<DealHistory> histories) {
        List<DealOutcomeListener.Deal> decided = new ArrayList<>();
        for (DealHistory history : histories) {
            if (!history.statuses().isEmpty()) {
                decided.add(new DealOutcomeListener.Deal(history.tenantId(), history.dealId()));
            }
        }
        if (!decided.isEmpty()) {
            outcomeListeners.forEach(listener -> listener.outcomesCounted(generation, decided));
        }
    }

    private static TallyScope<PipelineDefinition> scope(PipelineDefinition pipeline) {
        return new TallyScope<>(
                pipeline.id(),
                pipeline.tenantId(),
                pipeline.latest().pipelineVersion(),
                // the fields of the histories' tenant_pipeline index
                new Document("tenantId", pipeline.tenantId()).append("pipelineId", pipeline.pipelineId()),
                pipeline);
    }

    private String definitions(Generation generation) {
        return documents.collection(PipelineDefinition.class, generation);
    }
}
