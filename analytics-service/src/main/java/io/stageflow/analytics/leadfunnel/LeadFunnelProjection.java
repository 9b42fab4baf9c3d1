package io.stageflow.analytics.leadfunnel;

import io.stageflow.analytics.sequencing.ConcurrentProjectionUpdateException;
import io.stageflow.analytics.sequencing.SequencedProjection;
import io.stageflow.events.lead.LeadConverted;
import io.stageflow.events.lead.LeadCreated;
import io.stageflow.events.lead.LeadDisqualified;
import io.stageflow.events.lead.LeadErased;
import io.stageflow.events.lead.LeadEvent;
import io.stageflow.events.lead.LeadQualified;
import io.stageflow.events.lead.LeadUpdated;
import io.stageflow.platform.messaging.IncomingEvent;
import io.stageflow.platform.store.GuardIndexes;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Folds lead events into one {@link LeadFunnelEntry} per lead; the funnel's counts are queries over them. */
@Component
class LeadFunnelProjection implements SequencedProjection<LeadEvent>, SmartInitializingSingleton {

    private final MongoTemplate mongo;

    private final GuardIndexes guardIndexes;

    LeadFunnelProjection(MongoTemplate mongo, GuardIndexes guardIndexes) {
        this.mongo = mongo;
        this.guardIndexes = guardIndexes;
    }

    /** Every update is guarded by the sequence it follows. */
    @Override
    public void afterSingletonsInstantiated() {
        try {
            guardIndexes.ensure(mongo.getCollectionName(LeadFunnelEntry.class), "sequence");
        } catch (RuntimeException e) {
            // the store may be away at start-up; updates stay correct without the index, only slower
            org.slf4j.LoggerFactory.getLogger(LeadFunnelProjection.class)
                    .warn("could not create the guard index of the lead funnel: {}", e.toString());
        }
    }

    @Override
    public String name() {
        return "lead-funnel";
    }

    @Override
    public long appliedSequence(IncomingEvent<LeadEvent> event) {
        LeadFunnelEntry entry =
                mongo.findById(LeadFunnelEntry.idOf(event.tenantId(), event.subject()), LeadFunnelEntry.class);
        return entry == null ? 0 : entry.sequence();
    }

    @Override
    public void apply(IncomingEvent<LeadEvent> event) {
        String id = LeadFunnelEntry.idOf(event.tenantId(), event.subject());
        if (event.data() instanceof LeadCreated created) {
            insert(new LeadFunnelEntry(
                    id,
                    event.tenantId(),
                    created.leadId(),
                    created.source(),
                    created.status(),
                    created.createdAt(),
                    event.sequence()));
            return;
        }
        Update update = new Update().set("sequence", event.sequence());
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
        var result = mongo.updateFirst(
                Query.query(Criteria.where("_id").is(id).and("sequence").is(event.sequence() - 1)),
                update,
                LeadFunnelEntry.class);
        if (result.getMatchedCount() == 0) {
            throw new ConcurrentProjectionUpdateException(name(), id, event.sequence() - 1);
        }
    }

    private void insert(LeadFunnelEntry entry) {
        try {
            mongo.insert(entry);
        } catch (DuplicateKeyException e) {
            throw new ConcurrentProjectionUpdateException(name(), entry.id(), 0);
        }
    }
}
