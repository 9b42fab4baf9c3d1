package io.stageflow.analytics.leadfunnel;

import io.stageflow.analytics.sequencing.SequencedDocuments;
import io.stageflow.analytics.tallying.TallyStore;
import io.stageflow.platform.store.GuardIndexes;
import java.util.Set;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The tenants' lead funnel tallies (ADR 0014): collections {@code lead_tallies} and {@code lead_tally_shares}. */
@Component
class LeadTallies extends TallyStore<LeadFunnelEntry, Set<String>> {

    LeadTallies(
            MongoTemplate mongo, SequencedDocuments documents, GuardIndexes guardIndexes, LeadTallySubject subject) {
        super(mongo, documents, guardIndexes, subject);
    }
}
