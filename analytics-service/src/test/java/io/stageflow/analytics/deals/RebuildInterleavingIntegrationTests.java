package io.stageflow.analytics.deals;

import static org.assertj.core.api.Assertions.assertThat;

import io.stageflow.analytics.DeliveryPlan;
import io.stageflow.analytics.ProjectionHarness;
import io.stageflow.analytics.ProjectionHarness.WireEvent;
import io.stageflow.analytics.Seeds;
import io.stageflow.analytics.deals.GeneratedDeals.Generated;
import io.stageflow.analytics.sequencing.BatchDelivery;
import io.stageflow.analytics.sequencing.FoldingProjection;
import io.stageflow.analytics.sequencing.Generation;
import io.stageflow.analytics.sequencing.InOrderDelivery;
import io.stageflow.analytics.sequencing.SequencedProjection;
import io.stageflow.events.deal.DealEvent;
import io.stageflow.platform.messaging.EventTypeRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rebuild's protocol (see {@code ProjectionRebuild}) over random deal histories: while the replay writes a
 * partition's records up to the end captured at its start into the new generation, the live consumer goes on from
 * where it was, into the serving generation, and into the new one too from the moment it saw the rebuild, which is
 * before the end was captured. However the two interleave, the new generation ends with the same documents as the
 * serving one.
 */
class RebuildInterleavingIntegrationTests {

    private static final EventTypeRegistry<DealEvent> DEAL_EVENTS = EventTypeRegistry.of(DealEvent.class);
    private static final Generation SERVING = Generation.INITIAL;
    private static final Generation REBUILT = new Generation(901);

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theRebuiltGenerationEqualsTheServingOneHoweverReplayAndLiveConsumerInterleave(long seed) {
        Interleaving run = Interleaving.of(seed);
        Seeds.failingWith(
                run.generated(),
                () -> interleave(
                        run.harness(), run.partition(), run.liveAt(), run.end(), run.bothFrom(), run.rebuild()));

        run.assertRebuiltEqualsServing();
    }

    /**
     * The same with both writers applying batches ({@code BatchDelivery}), as the live consumer and the replay do: each
     * turn takes the next few records, and the live consumer's batch goes to the new generation from the record the
     * rebuild became visible to it.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theRebuiltGenerationEqualsTheServingOneWhenReplayAndLiveConsumerApplyBatches(long seed) {
        Interleaving run = Interleaving.of(seed);
        Random batchSizes = new Random(seed);
        Seeds.failingWith(
                run.generated(),
                () -> interleaveBatches(
                        run.harness(),
                        run.partition(),
                        run.liveAt(),
                        run.end(),
                        run.bothFrom(),
                        run.rebuild(),
                        batchSizes));

        run.assertRebuiltEqualsServing();
    }

    /** One seed's history in partition order, and where the live consumer, the end and both-generation writes fall. */
    record Interleaving(
            String generated,
            ProjectionHarness harness,
            String tenant,
            Rebuild rebuild,
            List<WireEvent> partition,
            int liveAt,
            int end,
            int bothFrom) {

        static Interleaving of(long seed) {
            Rebuild rebuild = Rebuild.generate(new Random(seed));
            var harness = ProjectionHarness.shared();
            String tenant = "tenant-" + UUID.randomUUID();
            List<WireEvent> partition = rebuild.partitionOrder()
                    .deliveries(
                            rebuild.history().events().stream()
                                    .map(e -> harness.wire(tenant, e.aggregateId(), e.sequence(), e.event()))
                                    .toList(),
                            WireEvent::aggregateId);
            int size = partition.size();
            int liveAt = rebuild.liveAt() % (size + 1);
            int end = liveAt + rebuild.endAfter() % (size - liveAt + 1);
            int bothFrom = liveAt + rebuild.bothAfter() % (end - liveAt + 1);
            return new Interleaving(
                    "seed " + seed + ", " + rebuild.describe(),
                    harness,
                    tenant,
                    rebuild,
                    partition,
                    liveAt,
                    end,
                    bothFrom);
        }

        void assertRebuiltEqualsServing() {
            assertThat(harness.documents(tenant, REBUILT))
                    .as("rebuilt documents of %s", generated)
                    .isEqualTo(harness.documents(tenant, SERVING));
            assertThat(harness.parked(tenant, REBUILT))
                    .as("parked in the rebuilt generation of %s", generated)
                    .isZero();
        }
    }

    /**
     * @param partitionOrder only its permutation is used: the order of the records in the partition
     * @param liveAt how far the live consumer had got when the rebuild started
     * @param endAfter where the end is captured, after that
     * @param bothAfter from which record the live consumer writes both generations, at most the end
     * @param replayTurns who goes next, the replay (true) or the live consumer, cycled
     */
    record Rebuild(
            Generated history,
            DeliveryPlan partitionOrder,
            int liveAt,
            int endAfter,
            int bothAfter,
            List<Boolean> replayTurns) {

        static Rebuild generate(Random random) {
            Generated history = GeneratedDeals.generate(random, 4);
            int events = history.events().size();
            DeliveryPlan plan = DeliveryPlan.generate(random, events);
            var partition =
                    new DeliveryPlan(DeliveryPlan.Ordering.INTERLEAVED, plan.permutation(), List.of(), List.of());
            int liveAt = random.nextInt(events + 1);
            int endAfter = random.nextInt(events + 1);
            int bothAfter = random.nextInt(events + 1);
            List<Boolean> turns = new ArrayList<>();
            int turnCount = random.nextInt(1, events + 1);
            for (int i = 0; i < turnCount; i++) {
                turns.add(random.nextBoolean());
            }
            return new Rebuild(history, partition, liveAt, endAfter, bothAfter, List.copyOf(turns));
        }

        /** Short enough for a failure message: the partition's records and the numbers that interleave them. */
        String describe() {
            return "partition "
                    + partitionOrder.describe(
                            history.events(), DealFixtures.Sequenced::aggregateId, GeneratedDeals::label)
                    + ", liveAt " + liveAt + ", endAfter " + endAfter + ", bothAfter " + bothAfter + ", replayTurns "
                    + replayTurns;
        }
    }

    static LongStream seeds() {
        return Seeds.of(40);
    }

    /** The live consumer up to {@code liveAt}, then replay and live consumer interleaved as {@code rebuild} says. */
    private static void interleave(
            ProjectionHarness harness, List<WireEvent> partition, int liveAt, int end, int bothFrom, Rebuild rebuild) {
        int size = partition.size();
        for (WireEvent event : partition.subList(0, liveAt)) {
            deliver(harness, event, SERVING);
        }

        int replayed = 0;
        int live = liveAt;
        int turn = 0;
        while (replayed < end || live < size) {
            boolean replayNext = live == size
                    || (replayed < end
                            && rebuild.replayTurns()
                                    .get(turn++ % rebuild.replayTurns().size()));
            if (replayNext) {
                deliver(harness, partition.get(replayed++), REBUILT);
            } else {
                deliver(harness, partition.get(live), SERVING);
                if (live >= bothFrom) {
                    deliver(harness, partition.get(live), REBUILT);
                }
                live++;
            }
        }
        projections(harness)
                .forEach(projection ->
                        harness.bean(InOrderDelivery.class).applyReadyParked(DEAL_EVENTS, projection, REBUILT));
    }

    /** As {@link #interleave}, a batch of one to five records per turn. */
    private static void interleaveBatches(
            ProjectionHarness harness,
            List<WireEvent> partition,
            int liveAt,
            int end,
            int bothFrom,
            Rebuild rebuild,
            Random batchSizes) {
        int size = partition.size();
        deliverBatch(harness, partition.subList(0, liveAt), SERVING);
        int replayed = 0;
        int live = liveAt;
        int turn = 0;
        while (replayed < end || live < size) {
            boolean replayNext = live == size
                    || (replayed < end
                            && rebuild.replayTurns()
                                    .get(turn++ % rebuild.replayTurns().size()));
            int batch = batchSizes.nextInt(1, 6);
            if (replayNext) {
                int to = Math.min(end, replayed + batch);
                deliverBatch(harness, partition.subList(replayed, to), REBUILT);
                replayed = to;
            } else {
                int to = Math.min(size, live + batch);
                deliverBatch(harness, partition.subList(live, to), SERVING);
                deliverBatch(harness, partition.subList(Math.max(live, bothFrom), Math.max(to, bothFrom)), REBUILT);
                live = to;
            }
        }
        projections(harness)
                .forEach(projection ->
                        harness.bean(InOrderDelivery.class).applyReadyParked(DEAL_EVENTS, projection, REBUILT));
    }

    @SuppressWarnings("unchecked")
    private static void deliverBatch(ProjectionHarness harness, List<WireEvent> events, Generation generation) {
        var delivery = harness.bean(InOrderDelivery.class);
        List<BatchDelivery.Received<DealEvent>> batch = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            var message = events.get(i).message();
            batch.add(new BatchDelivery.Received<>(i, delivery.read(message, DEAL_EVENTS), message));
        }
        for (SequencedProjection<DealEvent> projection : projections(harness)) {
            assertThat(harness.bean(BatchDelivery.class)
                            .deliver(batch, DEAL_EVENTS, (FoldingProjection<DealEvent, ?>) projection, generation))
                    .isEmpty();
        }
    }

    private static void deliver(ProjectionHarness harness, WireEvent event, Generation generation) {
        var delivery = harness.bean(InOrderDelivery.class);
        projections(harness)
                .forEach(projection -> delivery.deliver(event.message(), DEAL_EVENTS, projection, generation));
    }

    private static List<SequencedProjection<DealEvent>> projections(ProjectionHarness harness) {
        return List.of(harness.bean(PipelineDefinitionProjection.class), harness.bean(DealHistoryProjection.class));
    }
}
