package io.stageflow.analytics.deals;

import io.micrometer.core.instrument.MeterRegistry;
import io.stageflow.analytics.sequencing.ProjectionGenerations;
import io.stageflow.analytics.tallying.Tallier;
import io.stageflow.analytics.tallying.TallierProperties;
import java.time.Clock;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Keeps the pipelines' tallies counted as deal histories change (ADR 0014). */
@Component
class DealTallier extends Tallier<DealHistory, PipelineDefinition> {

    DealTallier(
            MongoTemplate mongo,
            DealTallies tallies,
            ProjectionGenerations generations,
            TallierProperties properties,
            Clock clock,
            MeterRegistry meters) {
        super(mongo, tallies, generations, properties, clock, meters);
    }
}
