package io.stageflow.analytics.leadfunnel;

import io.stageflow.analytics.deals.DealOutcomeListener;
import io.stageflow.analytics.sequencing.Generation;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Asks the lead tallier to count again the lead of every deal whose outcome the deal tallier counted: whether a
 * converted lead reached WON is its deal's, not the lead's, to say.
 */
@Component
class LeadRecountRequests implements DealOutcomeListener {

    private final LeadTallies tallies;

    LeadRecountRequests(LeadTallies tallies) {
        this.tallies = tallies;
    }

    @Override
    public void outcomesCounted(Generation generation, List<Deal> deals) {
        List<Document> requests = new ArrayList<>(deals.size());
        for (Deal deal : deals) {
            requests.add(new Document("_id", deal.tenantId() + ":" + deal.dealId())
                    .append("tenantId", deal.tenantId())
                    .append("dealId", deal.dealId()));
        }
        tallies.requestRecounts(generation, requests);
    }
}
