package io.stageflow.analytics.leadfunnel;

import io.micrometer.core.instrument.MeterRegistry;
import io.stageflow.analytics.deals.WonDeals;
import io.stageflow.analytics.sequencing.ProjectionGenerations;
import io.stageflow.analytics.tallying.Tallier;
import io.stageflow.analytics.tallying.TallierProperties;
import java.time.Clock;
import java.util.Map;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Keeps the tenants' lead funnel tallies counted as lead entries and their deals' outcomes change (ADR 0014). */
@Component
class LeadTallier extends Tallier<LeadFunnelEntry, Map<String, WonDeals.Outcome>> {

    LeadTallier(
            MongoTemplate mongo,
            LeadTallies tallies,
            ProjectionGenerations generations,
            TallierProperties properties,
            Clock clock,
            MeterRegistry meters) {
        super(mongo, tallies, generations, properties, clock, meters);
    }
}
