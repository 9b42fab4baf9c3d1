package io.stageflow.analytics.deals;

import io.stageflow.analytics.sequencing.Generation;
import io.stageflow.analytics.sequencing.SequencedDocuments;
import io.stageflow.analytics.tallying.TallyStore;
import io.stageflow.platform.store.GuardIndexes;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The pipelines' tallies (ADR 0014): collections {@code deal_tallies} and {@code deal_tally_shares}. */
@Component
class DealTallies extends TallyStore<DealHistory, PipelineDefinition> {

    DealTallies(
            MongoTemplate mongo, SequencedDocuments documents, GuardIndexes guardIndexes, DealTallySubject subject) {
        super(mongo, documents, guardIndexes, subject);
    }

    /** The pipeline's tally with its counters, when it is complete; empty while it is being filled or missing. */
    Optional<Counted> ready(Generation generation, String tenantId, String pipelineId) {
        return ready(generation, PipelineDefinition.idOf(tenantId, pipelineId));
    }
}
