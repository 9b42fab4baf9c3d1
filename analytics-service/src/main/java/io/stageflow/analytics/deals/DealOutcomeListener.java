package io.stageflow.analytics.deals;

import io.stageflow.analytics.sequencing.Generation;
import java.util.List;

/**
 * Told which deals the deal tallier has just counted with an outcome (won, lost, reopened), for tallies outside this
 * package that depend on whether a deal was won: the lead funnel's last step.
 */
public interface DealOutcomeListener {

    /** A deal of a tenant. */
    record Deal(String tenantId, String dealId) {}

    void outcomesCounted(Generation generation, List<Deal> deals);
}
