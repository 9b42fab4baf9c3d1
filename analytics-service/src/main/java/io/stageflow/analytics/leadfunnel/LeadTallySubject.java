package io.stageflow.analytics.leadfunnel;

import io.stageflow.analytics.deals.WonDeals;
import io.stageflow.analytics.sequencing.Generation;
import io.stageflow.analytics.sequencing.SequencedDocuments;
import io.stageflow.analytics.tallying.Counters;
import io.stageflow.analytics.tallying.TallyScope;
import io.stageflow.analytics.tallying.TallySubject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * A tenant's lead funnel "now" as a tally of its leads' shares: one counter per lead, named by the furthest step it
 * reached, whether it is disqualified, its source and its campaign. Whether a converted lead reached WON is read from
 * its deal's history when the share is counted; the deal tallier asks for a recount whenever a deal's outcome changes
 * ({@link LeadRecountRequests}).
 */
@Component
class LeadTallySubject implements TallySubject<LeadFunnelEntry, Map<String, WonDeals.Outcome>> {

    private final MongoTemplate mongo;
    private final SequencedDocuments documents;
    private final WonDeals wonDeals;

    LeadTallySubject(MongoTemplate mongo, SequencedDocuments documents, WonDeals wonDeals) {
        this.mongo = mongo;
        this.documents = documents;
        this.wonDeals = wonDeals;
    }

    @Override
    public String name() {
        return "lead";
    }

    @Override
    public Class<LeadFunnelEntry> memberType() {
        return LeadFunnelEntry.class;
    }

    @Override
    public String memberId(LeadFunnelEntry entry) {
        return entry.id();
    }

    @Override
    public long sequence(LeadFunnelEntry entry) {
        return entry.sequence();
    }

    @Override
    public Instant latestAt(LeadFunnelEntry entry, TallyScope<Map<String, WonDeals.Outcome>> scope) {
        WonDeals.Outcome outcome =
                entry.dealId() == null ? null : scope.context().get(entry.dealId());
        return outcome == null || outcome.decidedAt().isBefore(entry.latestAt())
                ? entry.latestAt()
                : outcome.decidedAt();
    }

    @Override
    public String tallyId(LeadFunnelEntry entry) {
        return entry.tenantId();
    }

    /**
     * Per tenant, with the outcomes of the deals of its converted leads among these: whether each is won now, and
     * since when (a lead's share holds only from then on).
     */
    @Override
    public Map<String, TallyScope<Map<String, WonDeals.Outcome>>> scopesOf(
            Generation generation, Collection<LeadFunnelEntry> entries) {
        Map<String, List<String>> dealsByTenant = new HashMap<>();
        for (LeadFunnelEntry entry : entries) {
            List<String> deals = dealsByTenant.computeIfAbsent(entry.tenantId(), tenant -> new ArrayList<>());
            if (entry.dealId() != null) {
                deals.add(entry.dealId());
            }
        }
        Map<String, TallyScope<Map<String, WonDeals.Outcome>>> scopes = new HashMap<>();
        dealsByTenant.forEach((tenant, deals) -> scopes.put(
                tenant,
                new TallyScope<>(
                        tenant,
                        tenant,
                        0,
                        // the leading field of the entries' tenant_created index
                        new Document("tenantId", tenant),
                        wonDeals.outcomes(generation, tenant, deals))));
        return scopes;
    }

    @Override
    public Counters share(LeadFunnelEntry entry, TallyScope<Map<String, WonDeals.Outcome>> scope, long version) {
        WonDeals.Outcome outcome =
                entry.dealId() == null ? null : scope.context().get(entry.dealId());
        Counters share = new Counters();
        share.add(
                LeadFunnelTally.key(
                        entry.source(),
                        entry.campaign(),
                        entry.reachedBy(Instant.MAX, outcome != null && outcome.won()),
                        entry.disqualifiedAt(Instant.MAX)),
                1);
        return share;
    }

    /** The deal tallier asks, through {@link LeadRecountRequests}. */
    @Override
    public boolean recountable() {
        return true;
    }

    /** The entries of the deals named: one query each, on the tenant_deal index. */
    @Override
    public List<LeadFunnelEntry> recounted(Generation generation, List<Document> requests) {
        String collection = documents.collection(LeadFunnelEntry.class, generation);
        List<LeadFunnelEntry> entries = new ArrayList<>();
        for (Document request : requests) {
            entries.addAll(mongo.find(
                    Query.query(Criteria.where("tenantId")
                            .is(request.getString("tenantId"))
                            .and("dealId")
                            .is(request.getString("dealId"))),
                    LeadFunnelEntry.class,
                    collection));
        }
        return entries;
    }
}
