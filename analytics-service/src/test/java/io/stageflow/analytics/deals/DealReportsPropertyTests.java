package io.stageflow.analytics.deals;

import static org.assertj.core.api.Assertions.assertThat;

import io.stageflow.analytics.Seeds;
import io.stageflow.analytics.deals.DealFixtures.Sequenced;
import io.stageflow.analytics.deals.GeneratedDeals.Generated;
import io.stageflow.analytics.tallying.TallyStore;
import io.stageflow.events.deal.DealCreated;
import io.stageflow.events.deal.PipelineDefined;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * The stored tally's way (ADR 0014): each time a deal's history changes, add the difference between its new share
     * and the one counted before, events of different deals interleaved. After the last event, and through the
     * stored form of the counters, the sum answers exactly what reading every history answers after everything.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void addingEachChangedShareKeepsTheSumOfReadingEveryHistory(long seed) {
        Random random = new Random(seed);
        Generated generated = GeneratedDeals.generate(random, 8);
        PipelineDefinition pipeline = DealFixtures.pipelineDefinition("tenant", generated.events());
        var version = pipeline.latest();
        Map<String, Deque<Sequenced>> waiting = new LinkedHashMap<>();
        generated.events().stream()
                .filter(event -> !(event.event() instanceof PipelineDefined))
                .sorted(Comparator.comparingLong(Sequenced::sequence))
                .forEach(event -> waiting.computeIfAbsent(event.aggregateId(), id -> new ArrayDeque<>())
                        .add(event));
        Map<String, DealHistory> histories = new HashMap<>();
        Map<String, DealTally> counted = new HashMap<>();
        DealTally sum = new DealTally();
        List<String> deals = new ArrayList<>(waiting.keySet());
        while (!deals.isEmpty()) {
            String deal = deals.get(random.nextInt(deals.size()));
            Sequenced event = waiting.get(deal).poll();
            if (waiting.get(deal).isEmpty()) {
                deals.remove(deal);
            }
            DealHistory history = histories.containsKey(deal)
                    ? histories.get(deal).then(event.event(), event.sequence())
                    : DealHistory.created("tenant", (DealCreated) event.event(), event.sequence());
            histories.put(deal, history);
            DealTally share = DealTally.of(history, version, Instant.MAX);
            sum.add(share.minus(counted.getOrDefault(deal, new DealTally())));
            counted.put(deal, share);
        }
        DealTally stored =
                DealTally.of(TallyStore.counters(new org.bson.Document("c", TallyStore.document(sum.counters())), "c"));

        DealQuery everything = new DealQuery(GeneratedDeals.PIPELINE_ID, Instant.MAX, null, null);
        var funnel = new FunnelTally(GeneratedDeals.PIPELINE_ID, version, everything);
        var forecast = new ForecastTally(GeneratedDeals.PIPELINE_ID, version, everything);
        histories.values().forEach(deal -> {
            funnel.add(deal);
            forecast.add(deal);
        });
        String history = "seed " + seed + ", " + GeneratedDeals.describe(generated.events());
        assertThat(stored.funnel(GeneratedDeals.PIPELINE_ID, version, everything))
                .as("funnel of %s", history)
                .isEqualTo(funnel.result());
        assertThat(stored.forecast(GeneratedDeals.PIPELINE_ID, version, everything))
                .as("forecast of %s", history)
                .isEqualTo(forecast.result());
    }

    static LongStream seeds() {
        return Seeds.of(300);
    }
}
