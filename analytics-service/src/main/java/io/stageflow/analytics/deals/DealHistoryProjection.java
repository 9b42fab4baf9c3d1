package io.stageflow.analytics.deals;

import io.stageflow.analytics.sequencing.FoldingProjection;
import io.stageflow.analytics.sequencing.Generation;
import io.stageflow.analytics.sequencing.SequencedDocuments;
import io.stageflow.events.deal.DealCreated;
import io.stageflow.events.deal.DealEvent;
import io.stageflow.events.deal.DealLost;
import io.stageflow.events.deal.DealReopened;
import io.stageflow.events.deal.DealUpdated;
import io.stageflow.events.deal.DealWon;
import io.stageflow.events.deal.PipelineDefined;
import io.stageflow.events.deal.StageChanged;
import io.stageflow.platform.messaging.IncomingEvent;
import io.stageflow.platform.messaging.PoisonEventException;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Folds each deal's events into its {@link DealHistory}; the aggregate is the deal. The whole history is
 * replaced in one write guarded by the previous sequence, so history and sequence never disagree.
 */
@Component
class DealHistoryProjection implements FoldingProjection<DealEvent, DealHistory>, SmartInitializingSingleton {

    private final MongoTemplate mongo;
    private final SequencedDocuments documents;
    private final DealTallies tallies;

    DealHistoryProjection(MongoTemplate mongo, SequencedDocuments documents, DealTallies tallies) {
        this.mongo = mongo;
        this.documents = documents;
        this.tallies = tallies;
    }

    @Override
    public void afterSingletonsInstantiated() {
        documents.ensureGuardIndex(DealHistory.class);
    }

    @Override
    public String name() {
        return "deal-histories";
    }

    /**
     * Exhaustive on purpose: whoever adds a deal event type decides here whether it belongs to the deal. Pipelines
     * share the topic and have sequences of their own, which this projection must not track.
     */
    @Override
    public boolean handles(IncomingEvent<DealEvent> event) {
        return switch (event.data()) {
            case PipelineDefined defined -> false;
            case DealCreated created -> true;
            case StageChanged changed -> true;
            case DealWon won -> true;
            case DealLost lost -> true;
            case DealReopened reopened -> true;
            case DealUpdated updated -> true;
        };
    }

    @Override
    public List<Class<?>> documentTypes() {
        return List.of(DealHistory.class);
    }

    @Override
    public List<String> derivedCollections() {
        return tallies.collections();
    }

    @Override
    public long appliedSequence(IncomingEvent<DealEvent> event, Generation generation) {
        DealHistory history = find(event, generation);
        return history == null ? 0 : history.sequence();
    }

    @Override
    public void apply(IncomingEvent<DealEvent> event, Generation generation) {
        DealHistory next = fold(event.sequence() == 1 ? null : find(event, generation), event);
        documents.replace(name(), next.id(), event.sequence(), next, generation);
    }

    @Override
    public Class<DealHistory> documentType() {
        return DealHistory.class;
    }

    @Override
    public String documentId(IncomingEvent<DealEvent> event) {
        return DealHistory.idOf(event.tenantId(), event.subject());
    }

    @Override
    public String documentId(DealHistory history) {
        return history.id();
    }

    @Override
    public long sequenceOf(DealHistory history) {
        return history.sequence();
    }

    @Override
    public DealHistory fold(DealHistory current, IncomingEvent<DealEvent> event) {
        if (current == null) {
            if (!(event.data() instanceof DealCreated created)) {
                // deal-service opens every deal with deal.created; anything else first is a broken producer
                throw new PoisonEventException(
                        "deal " + event.subject() + " does not begin with deal.created but " + event.type());
            }
            return DealHistory.created(event.tenantId(), created, event.sequence());
        }
        return current.then(event.data(), event.sequence());
    }

    private DealHistory find(IncomingEvent<DealEvent> event, Generation generation) {
        return mongo.findById(
                DealHistory.idOf(event.tenantId(), event.subject()),
                DealHistory.class,
                documents.collection(DealHistory.class, generation));
    }
}
