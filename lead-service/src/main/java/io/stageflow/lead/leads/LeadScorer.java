package io.stageflow.lead.leads;

import java.time.Instant;
import java.util.List;

/** Scores a lead under its tenant's rules; a lead before qualification that reaches the threshold is an MQL. */
public interface LeadScorer {

    Score score(String tenantId, Profile profile, List<Activity> activities, Instant now);

    record Score(int points, int mqlThreshold) {

        public boolean qualifies() {
            return points >= mqlThreshold;
        }
    }
}
