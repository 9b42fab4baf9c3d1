package io.stageflow.analytics.leadfunnel;

import io.stageflow.analytics.sequencing.Generation;
import io.stageflow.analytics.sequencing.SequencedDocuments;
import io.stageflow.analytics.sequencing.SequencedProjection;
import io.stageflow.events.lead.LeadConverted;
import io.stageflow.events.lead.LeadCreated;
import io.stageflow.events.lead.LeadDisqualified;
import io.stageflow.events.lead.LeadErased;
import io.stageflow.events.lead.LeadEvent;
import io.stageflow.events.lead.LeadQualified;
import io.stageflow.events.lead.LeadUpdated;
import io.stageflow.platform.messaging.IncomingEvent;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Folds lead events into one {@link LeadFunnelEntry} per lead; the funnel's counts are queries over them. */
@Component
class LeadFunnelProjection implements SequencedProjection<LeadEvent>, SmartInitializingSingleton {

    private final MongoTemplate mongo;

    private final SequencedDocuments documents;

    LeadFunnelProjection(MongoTemplate mongo, SequencedDocuments documents) {
        this.mongo = mongo;
        this.documents = documents;
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
    public long appliedSequence(IncomingEvent<LeadEvent> event, Generation generation) {
        LeadFunnelEntry entry = mongo.findById(
                LeadFunnelEntry.idOf(event.tenantId(), event.subject()),
                LeadFunnelEntry.class,
                documents.collection(LeadFunnelEntry.class, generation));
        return entry == null ? 0 : entry.sequence();
    }

    @Override
    public void apply(IncomingEvent<LeadEvent> event, Generation generation) {
        String id = LeadFunnelEntry.idOf(event.tenantId(), event.subject());
        if (event.data() instanceof LeadCreated created) {
            documents.insert(
                    name(),
                    id,
                    new LeadFunnelEntry(
                            id,
                            event.tenantId(),
                            created.leadId(),
                            created.source(),
                            created.status(),
                            created.createdAt(),
                            event.sequence()),
                    generation);
            return;
        }
        Update update = new Update();
        switch (event.data()) {
            case LeadCreated created -> throw new IllegalStateException("handled above");
            case LeadUpdated updated -> {
                if (updated.status() != null) {
                    update.set("status", updated.status());
                }
            }
            case LeadQualified qualified -> update.set("status", qualified.toStatus());
            case LeadDisqualified disqualified -> update.set("status", "DISQUALIFIED");
            case LeadConverted converted -> update.set("status", "CONVERTED");
            // the funnel keeps the anonymous fact that a lead existed; nothing personal is stored here
            case LeadErased erased -> update.set("erased", true);
        }
        documents.update(name(), LeadFunnelEntry.class, id, event.sequence(), update, generation);
    }
}
