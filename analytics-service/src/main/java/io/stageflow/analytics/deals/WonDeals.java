package io.stageflow.analytics.deals;

import io.stageflow.analytics.sequencing.Generation;
import io.stageflow.analytics.sequencing.ProjectionGenerations;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
     * and not reopened (or lost) between that win and {@code asOf}; a deal analytics has not heard of yet is simply not
     * won.
     */
    public Set<String> wonAt(String tenantId, Collection<String> dealIds, Instant asOf) {
        Set<String> won = new HashSet<>();
        for (DealHistory deal : histories(generations.serving(), tenantId, dealIds)) {
            List<DealHistory.StatusChange> changes = deal.statusesUntil(asOf);
            if (!changes.isEmpty() && changes.getLast().status() == DealStatus.WON) {
                won.add(deal.dealId());
            }
        }
        return won;
    }

    /** Whether a deal is won now, and since when its status is what it is: the answer holds for any later instant. */
    public record Outcome(boolean won, Instant decidedAt) {}

    /**
     * The outcome of each of the tenant's deals among {@code dealIds} that was ever won, lost or reopened, in
     * {@code generation}: the lead tallier counts a generation that may not be serving yet.
     */
    public Map<String, Outcome> outcomes(Generation generation, String tenantId, Collection<String> dealIds) {
        Map<String, Outcome> outcomes = new HashMap<>();
        for (DealHistory deal : histories(generation, tenantId, dealIds)) {
            if (!deal.statuses().isEmpty()) {
                DealHistory.StatusChange last = deal.statuses().getLast();
                outcomes.put(deal.dealId(), new Outcome(last.status() == DealStatus.WON, last.at()));
            }
        }
        return outcomes;
    }

    /** One query by {@code _id} for all of them, which both stores answer from the id index (ADR 0007). */
    private List<DealHistory> histories(Generation generation, String tenantId, Collection<String> dealIds) {
        if (dealIds.isEmpty()) {
            return List.of();
        }
        List<String> ids = dealIds.stream()
                .map(dealId -> DealHistory.idOf(tenantId, dealId))
                .toList();
        String collection = generation.collection(mongo.getCollectionName(DealHistory.class));
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), DealHistory.class, collection);
    }
}
