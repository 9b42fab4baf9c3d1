package io.stageflow.analytics.leadfunnel;

import io.stageflow.analytics.sequencing.FoldingProjection;
import io.stageflow.analytics.sequencing.Generation;
import io.stageflow.analytics.sequencing.SequencedDocuments;
import io.stageflow.events.lead.LeadCreated;
import io.stageflow.events.lead.LeadEvent;
import io.stageflow.platform.messaging.IncomingEvent;
import io.stageflow.platform.messaging.PoisonEventException;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Folds lead events into one {@link LeadFunnelEntry} per lead, its status history included; the funnel is counted
 * from them when asked ({@link LeadFunnelQueries}), or read from the tally the lead tallier keeps of them.
 */
@Component
class LeadFunnelProjection implements FoldingProjection<LeadEvent, LeadFunnelEntry>, SmartInitializingSingleton {

    private final MongoTemplate mongo;

    private final SequencedDocuments documents;
    private final LeadTallies tallies;

    LeadFunnelProjection(MongoTemplate mongo, SequencedDocuments documents, LeadTallies tallies) {
        this.mongo = mongo;
        this.documents = documents;
        this.tallies = tallies;
    }

    /** Every update is guarded by the sequence it follows. */
    @Override
    public void afterSingletonsInstantiated() {
        documents.ensureGuardIndex(LeadFunnelEntry.class);
    }

    @Override
    public String name() {
        return "lead-funnel";
    }

    @Override
    public List<Class<?>> documentTypes() {
        return List.of(LeadFunnelEntry.class);
    }

    @Override
    public List<String> derivedCollections() {
        return tallies.collections();
    }

    @Override
    public long appliedSequence(IncomingEvent<LeadEvent> event, Generation generation) {
        LeadFunnelEntry entry = find(event, generation);
        return entry == null ? 0 : entry.sequence();
    }

    @Override
    public void apply(IncomingEvent<LeadEvent> event, Generation generation) {
        LeadFunnelEntry next = fold(event.sequence() == 1 ? null : find(event, generation), event);
        // the whole entry in one write guarded by the previous sequence, so history and sequence never disagree
        documents.replace(name(), next.id(), event.sequence(), next, generation);
    }

    @Override
    public Class<LeadFunnelEntry> documentType() {
        return LeadFunnelEntry.class;
    }

    @Override
    public String documentId(IncomingEvent<LeadEvent> event) {
        return LeadFunnelEntry.idOf(event.tenantId(), event.subject());
    }

    @Override
    public String documentId(LeadFunnelEntry entry) {
        return entry.id();
    }

    @Override
    public long sequenceOf(LeadFunnelEntry entry) {
        return entry.sequence();
    }

    @Override
    public LeadFunnelEntry fold(LeadFunnelEntry current, IncomingEvent<LeadEvent> event) {
        if (current == null) {
            if (!(event.data() instanceof LeadCreated created)) {
                // lead-service opens every lead with lead.created; anything else first is a broken producer
                throw new PoisonEventException(
                        "lead " + event.subject() + " does not begin with lead.created but " + event.type());
            }
            return LeadFunnelEntry.created(event.tenantId(), created, event.sequence());
        }
        return current.then(event.data(), event.sequence());
    }

    private LeadFunnelEntry find(IncomingEvent<LeadEvent> event, Generation generation) {
        return mongo.findById(
                LeadFunnelEntry.idOf(event.tenantId(), event.subject()),
                LeadFunnelEntry.class,
                documents.collection(LeadFunnelEntry.class, generation));
    }
}
