package io.stageflow.analytics.deals;

import io.stageflow.analytics.sequencing.Generation;
import io.stageflow.analytics.sequencing.ProjectionGenerations;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Which deals were won at an instant, for reports outside this package (the lead funnel's last step). Read from the
 * deal histories of the serving generation, the same one the caller's own projection is read from, so a rebuild
 * never pairs a new generation with an old one.
 */
@Component
public class WonDeals {

    private final MongoTemplate mongo;
    private final ProjectionGenerations generations;

    WonDeals(MongoTemplate mongo, ProjectionGenerations generations) {
        this.mongo = mongo;
        this.generations = generations;
    }

    /**
     * The ids among {@code dealIds} of the tenant's deals whose status at {@code asOf} was won: won at or before it
     * and not reopened (or lost) between that win and {@code asOf}. One query by {@code _id} for all of them, which
     * both stores answer from the id index (ADR 0007); a deal analytics has not heard of yet is simply not won.
     */
    public Set<String> wonAt(String tenantId, Collection<String> dealIds, Instant asOf) {
        return wonAt(generations.serving(), tenantId, dealIds, asOf);
    }

    /** The same in {@code generation}: the lead tallier counts a generation that may not be serving yet. */
    public Set<String> wonAt(Generation generation, String tenantId, Collection<String> dealIds, Instant asOf) {
        if (dealIds.isEmpty()) {
            return Set.of();
        }
        List<String> ids = dealIds.stream()
                .map(dealId -> DealHistory.idOf(tenantId, dealId))
                .toList();
        Query query = Query.query(Criteria.where("_id").in(ids));
        String collection = generation.collection(mongo.getCollectionName(DealHistory.class));
        Set<String> won = new HashSet<>();
        for (DealHistory deal : mongo.find(query, DealHistory.class, collection)) {
            List<DealHistory.StatusChange> changes = deal.statusesUntil(asOf);
            if (!changes.isEmpty() && changes.getLast().status() == DealStatus.WON) {
                won.add(deal.dealId());
            }
        }
        return won;
    }
}
