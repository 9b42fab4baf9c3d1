package io.stageflow.analytics.leadfunnel;

import io.stageflow.analytics.deals.WonDeals;
import io.stageflow.analytics.sequencing.SequencedDocuments;
import io.stageflow.analytics.tallying.TallyStore;
import io.stageflow.platform.store.GuardIndexes;
import java.util.Map;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The tenants' lead funnel tallies (ADR 0014): collections {@code lead_tallies} and {@code lead_tally_shares}. */
@Component
class LeadTallies extends TallyStore<LeadFunnelEntry, Map<String, WonDeals.Outcome>> {

    LeadTallies(
            MongoTemplate mongo, SequencedDocuments documents, GuardIndexes guardIndexes, LeadTallySubject subject) {
        super(mongo, documents, guardIndexes, subject);
    }
}
