package io.stageflow.analytics.deals;

import static org.assertj.core.api.Assertions.assertThat;

import io.stageflow.analytics.DeliveryPlan;
import io.stageflow.analytics.ProjectionHarness;
import io.stageflow.analytics.ProjectionHarness.WireEvent;
import io.stageflow.analytics.Seeds;
import io.stageflow.analytics.deals.GeneratedDeals.Generated;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 6, deals: whatever order Kafka delivers a history in, however often it repeats records and however often
 * the consumer restarts, the deal projections end as the in-order fold of the history, and the reports read from
 * the store equal the plain reference computation. Events go straight to the consumer functions against the
 * embedded store ({@link ProjectionHarness}); the Kafka path itself is {@code DealAnalyticsIntegrationTests}'.
 */
class DealAnalyticsExactlyOnceIntegrationTests {

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("scenarioSeeds")
    void reportsEqualThePlainComputationHoweverKafkaDelivers(long seed) {
        Scenario scenario = Scenario.generate(new Random(seed));
        var harness = ProjectionHarness.shared();
        String tenant = "tenant-" + UUID.randomUUID();
        List<DealFixtures.Sequenced> events = scenario.history().events();
        String delivered = "seed " + seed + ", " + scenario.describe();

        Seeds.failingWith(delivered, () -> harness.deliver(wire(harness, tenant, events), scenario.plan()));

        assertThat(harness.parked(tenant))
                .as("every early event was applied once its predecessor came, delivered %s", delivered)
                .isZero();
        var store = harness.bean(DealAnalyticsStore.class);
        assertThat(store.pipeline(tenant, GeneratedDeals.PIPELINE_ID))
                .as("pipeline, delivered %s", delivered)
                .contains(DealFixtures.pipelineDefinition(tenant, events));
        List<DealHistory> stored = new ArrayList<>();
        store.forEachDeal(tenant, GeneratedDeals.PIPELINE_ID, stored::add);
        assertThat(stored)
                .as("each deal's history is its events applied once each, in sequence order, delivered %s", delivered)
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("untallied")
                .containsExactlyInAnyOrderElementsOf(DealFixtures.histories(tenant, events));
        harness.awaitTallied(tenant);
        var analytics = harness.bean(DealAnalytics.class);
        for (DealQuery query : scenario.history().queries()) {
            assertThat(analytics.funnel(tenant, query))
                    .as("funnel %s, delivered %s", query, delivered)
                    .isEqualTo(DealReference.funnel(events, query));
            assertThat(analytics.velocity(tenant, query))
                    .as("velocity %s, delivered %s", query, delivered)
                    .isEqualTo(DealReference.velocity(events, query));
            assertThat(analytics.forecast(tenant, query))
                    .as("forecast %s, delivered %s", query, delivered)
                    .isEqualTo(DealReference.forecast(events, query));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("replaySeeds")
    void rebuildingFromOffsetZeroWritesTheSameDocuments(long seed) {
        Replay replay = Replay.generate(new Random(seed));
        var harness = ProjectionHarness.shared();
        String tenant = "tenant-" + UUID.randomUUID();
        String delivered = "seed " + seed + ", " + replay.describe();

        var rebuilt = Seeds.failingWith(
                delivered,
                () -> harness.rebuild(
                        tenant, wire(harness, tenant, replay.history().events()), replay.first(), replay.second()));

        assertThat(rebuilt.after())
                .as("documents after the replay, delivered %s", delivered)
                .isEqualTo(rebuilt.before());
        assertThat(rebuilt.after().get("deal_histories"))
                .as("deal histories, delivered %s", delivered)
                .hasSize((int) replay.history().dealCount());
    }

    /** A history and how Kafka delivers it. */
    record Scenario(Generated history, DeliveryPlan plan) {

        static Scenario generate(Random random) {
            Generated history = GeneratedDeals.generate(random, 5);
            return new Scenario(
                    history, DeliveryPlan.generate(random, history.events().size()));
        }

        String describe() {
            return plan.describe(history.events(), DealFixtures.Sequenced::aggregateId, GeneratedDeals::label);
        }
    }

    /** A history delivered twice, the second time from offset 0 into wiped projections. */
    record Replay(Generated history, DeliveryPlan first, DeliveryPlan second) {

        static Replay generate(Random random) {
            Generated history = GeneratedDeals.generate(random, 5);
            int events = history.events().size();
            return new Replay(history, DeliveryPlan.generate(random, events), DeliveryPlan.generate(random, events));
        }

        String describe() {
            return "first "
                    + first.describe(history.events(), DealFixtures.Sequenced::aggregateId, GeneratedDeals::label)
                    + ", then "
                    + second.describe(history.events(), DealFixtures.Sequenced::aggregateId, GeneratedDeals::label);
        }
    }

    static LongStream scenarioSeeds() {
        return Seeds.of(60);
    }

    static LongStream replaySeeds() {
        return Seeds.of(25);
    }

    private static List<WireEvent> wire(ProjectionHarness harness, String tenant, List<DealFixtures.Sequenced> events) {
        return events.stream()
                .map(event -> harness.wire(tenant, event.aggregateId(), event.sequence(), event.event()))
                .toList();
    }
}
