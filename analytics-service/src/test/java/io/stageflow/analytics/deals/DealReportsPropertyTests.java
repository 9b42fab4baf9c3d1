package io.stageflow.analytics.deals;

import static org.assertj.core.api.Assertions.assertThat;

import io.stageflow.analytics.Seeds;
import io.stageflow.analytics.deals.GeneratedDeals.Generated;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deal reports over random histories, folded in memory the way the projection folds them, equal the plain
 * reference computation: funnel, velocity and forecast, as of instants before, during and after the history and
 * over periods. No store, so many tries; {@code DealAnalyticsExactlyOnceIntegrationTests} adds the store and the
 * delivery orders.
 */
class DealReportsPropertyTests {

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void reportsOfTheFoldedHistoriesEqualThePlainComputation(long seed) {
        Generated generated = GeneratedDeals.generate(new Random(seed), 8);
        String history = "seed " + seed + ", " + GeneratedDeals.describe(generated.events());
        PipelineDefinition pipeline = DealFixtures.pipelineDefinition("tenant", generated.events());
        List<DealHistory> histories = DealFixtures.histories("tenant", generated.events());

        for (DealQuery query : generated.queries()) {
            var version = pipeline.inEffectAt(query.asOf());
            var funnel = new FunnelTally(GeneratedDeals.PIPELINE_ID, version, query);
            var velocity = new VelocityTally(GeneratedDeals.PIPELINE_ID, version, query);
            var forecast = new ForecastTally(GeneratedDeals.PIPELINE_ID, version, query);
            histories.forEach(deal -> {
                funnel.add(deal);
                velocity.add(deal);
                forecast.add(deal);
            });

            assertThat(funnel.result())
                    .as("funnel %s of %s", query, history)
                    .isEqualTo(DealReference.funnel(generated.events(), query));
            assertThat(velocity.result())
                    .as("velocity %s of %s", query, history)
                    .isEqualTo(DealReference.velocity(generated.events(), query));
            assertThat(forecast.result())
                    .as("forecast %s of %s", query, history)
                    .isEqualTo(DealReference.forecast(generated.events(), query));
        }
    }

    static LongStream seeds() {
        return Seeds.of(300);
    }
}
