package io.stageflow.analytics.leadfunnel;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stageflow.analytics.deals.WonDeals;
import io.stageflow.analytics.sequencing.ProjectionGenerations;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Counts the lead funnel when asked: the cohort's entries are streamed from a cursor, and the deals of the converted
 * ones are looked up in the deal histories in batches, one query by id per batch. Joining when asked, rather than
 * copying the deal's outcome into the lead's entry as events come, is what makes the answer independent of the order
 * in which lead-events and deal-events arrive: each projection only ever holds its own aggregate's events.
 *
 * <p>The whole funnel "now" (no period, {@code asOf} at or after every event counted) is read from the tenant's
 * stored tally instead, once it counts every lead (ADR 0014): the same counts, a round of the tallier behind.
 */
@Component
class LeadFunnelQueries {

    /** Converted leads whose deals are looked up together; bounds both the query and what is held meanwhile. */
    static final int DEAL_BATCH = 500;

    private final MongoTemplate mongo;
    private final ProjectionGenerations generations;
    private final WonDeals wonDeals;
    private final LeadTallies tallies;
    private final Counter answeredFromTally;
    private final Counter answeredFromEntries;

    LeadFunnelQueries(
            MongoTemplate mongo,
            ProjectionGenerations generations,
            WonDeals wonDeals,
            LeadTallies tallies,
            MeterRegistry meters) {
        this.mongo = mongo;
        this.generations = generations;
        this.wonDeals = wonDeals;
        this.tallies = tallies;
        this.answeredFromTally = answers(meters, "tally");
        this.answeredFromEntries = answers(meters, "entries");
    }

    private static Counter answers(MeterRegistry meters, String source) {
        return Counter.builder("stageflow.analytics.lead-funnel.answers")
                .description("Lead funnel answers, by what they were read from")
                .tag("source", source)
                .register(meters);
    }

    LeadFunnel funnel(String tenantId, LeadFunnelQuery query) {
        if (query.from() == null && query.to() == null) {
            var tally = tallies.ready(generations.serving(), tenantId)
                    .filter(counted -> counted.header().answersAsOf(query.asOf()));
            if (tally.isPresent()) {
                answeredFromTally.increment();
                return LeadFunnelTally.of(tally.get().sum()).result(query);
            }
        }
        answeredFromEntries.increment();
        return counted(tenantId, query);
    }

    /** Reads every lead of the cohort. */
    private LeadFunnel counted(String tenantId, LeadFunnelQuery query) {
        Criteria created = Criteria.where("createdAt").lte(query.asOf());
        if (query.from() != null) {
            created = created.gte(query.from());
        }
        if (query.to() != null) {
            created = created.lt(query.to());
        }
        Query cohort = Query.query(
                new Criteria().andOperator(Criteria.where("tenantId").is(tenantId), created));
        String collection = generations.serving().collection(mongo.getCollectionName(LeadFunnelEntry.class));
        var tally = new LeadFunnelTally();
        List<LeadFunnelEntry> converted = new ArrayList<>();
        try (Stream<LeadFunnelEntry> entries = mongo.stream(cohort, LeadFunnelEntry.class, collection)) {
            entries.forEach(entry -> {
                if (!query.inCohort(entry.createdAt())) {
                    return;
                }
                LeadStep reached = entry.reachedBy(query.asOf());
                if (reached == LeadStep.CONVERTED && entry.dealId() != null) {
                    // whether it went on to WON depends on its deal: decided with the next batch of deals
                    converted.add(entry);
                    if (converted.size() == DEAL_BATCH) {
                        addConverted(tenantId, converted, query, tally);
                    }
                } else {
                    add(entry, reached, query, tally);
                }
            });
        }
        addConverted(tenantId, converted, query, tally);
        return tally.result(query);
    }

    private void addConverted(
            String tenantId, List<LeadFunnelEntry> converted, LeadFunnelQuery query, LeadFunnelTally tally) {
        Set<String> won = wonDeals.wonAt(
                tenantId,
                converted.stream().map(LeadFunnelEntry::dealId).distinct().toList(),
                query.asOf());
        for (LeadFunnelEntry entry : converted) {
            add(entry, entry.reachedBy(query.asOf(), won.contains(entry.dealId())), query, tally);
        }
        converted.clear();
    }

    private static void add(LeadFunnelEntry entry, LeadStep reached, LeadFunnelQuery query, LeadFunnelTally tally) {
        tally.add(entry.source(), entry.campaign(), reached, entry.disqualifiedAt(query.asOf()));
    }
}
