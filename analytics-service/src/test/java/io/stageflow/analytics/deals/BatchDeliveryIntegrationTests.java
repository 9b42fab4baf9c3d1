package io.stageflow.analytics.deals;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import io.stageflow.events.deal.PipelineDefined;
import io.stageflow.platform.messaging.EventTypeRegistry;
import io.stageflow.platform.messaging.IncomingEvent;
import io.stageflow.testsupport.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The batch path of the projections ({@link BatchDelivery}) on the cases a random delivery meets only by chance: one
 * batch with duplicates, a gap, a poison record and many deals; a later batch that fills the gap; and another writer
 * that moves a document between the batch's read and its write. The property tests ({@code *ExactlyOnce*}) deliver
 * random histories in batches of random sizes besides.
 */
class BatchDeliveryIntegrationTests {

    private static final EventTypeRegistry<DealEvent> DEAL_EVENTS = EventTypeRegistry.of(DealEvent.class);

    @Test
    void aBatchWithDuplicatesAGapAPoisonRecordAndManyDealsEndsAsTheInOrderFoldWithOneDeadLetter() {
        var harness = ProjectionHarness.shared();
        String tenant = "tenant-" + UUID.randomUUID();
        Generated history = manyDeals();
        List<DealFixtures.Sequenced> events = history.events();
        List<WireEvent> wired = events.stream()
                .map(e -> harness.wire(tenant, e.aggregateId(), e.sequence(), e.event()))
                .toList();
        // the longest deal's second event comes only in the next batch: its later ones have to wait
        String gapDeal = longestDeal(events);
        int gapAt = indexOf(events, gapDeal, 2);
        long waiting = events.stream()
                .filter(e -> e.aggregateId().equals(gapDeal) && e.sequence() > 2)
                .count();
        String poisonKey = "poison-" + UUID.randomUUID();
        var poisonHeaders =
                harness.wire(tenant, poisonKey, 1, events.getFirst().event()).message();
        var poison = new WireEvent(
                "deal-events",
                poisonKey,
                1,
                MessageBuilder.withPayload("{broken".getBytes(StandardCharsets.UTF_8))
                        .copyHeaders(poisonHeaders.getHeaders())
                        .build());

        List<WireEvent> withoutGap = new ArrayList<>(wired);
        withoutGap.remove(gapAt);
        List<WireEvent> first = new ArrayList<>(withoutGap);
        first.add(first.size() / 2, poison);
        first.addAll(withoutGap.subList(0, 6)); // redelivered: duplicates
        first.add(first.size() / 3, withoutGap.getLast()); // one twice within the batch, early or not
        double parkedBefore = outcomes(harness, "parked");

        harness.deliverBatch(first);

        assertThat(harness.parked(tenant))
                .as("%s's events after the gap wait in the store", gapDeal)
                .isEqualTo(waiting);
        assertThat(harness.mongo().findById(DealHistory.idOf(tenant, gapDeal), DealHistory.class))
                .extracting(DealHistory::sequence)
                .isEqualTo(1L);
        assertThat(outcomes(harness, "parked") - parkedBefore).isGreaterThanOrEqualTo(waiting);

        double unparkedBefore = outcomes(harness, "unparked");
        harness.deliverBatch(List.of(wired.get(gapAt), wired.getFirst()));

        assertThat(harness.parked(tenant)).as("parked once the gap is filled").isZero();
        assertThat(outcomes(harness, "unparked") - unparkedBefore).isEqualTo(waiting);
        var store = harness.bean(DealAnalyticsStore.class);
        List<DealHistory> stored = new ArrayList<>();
        store.forEachDeal(tenant, GeneratedDeals.PIPELINE_ID, stored::add);
        assertThat(stored)
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("untallied")
                .containsExactlyInAnyOrderElementsOf(DealFixtures.histories(tenant, events));
        assertThat(store.pipeline(tenant, GeneratedDeals.PIPELINE_ID))
                .contains(DealFixtures.pipelineDefinition(tenant, events));
        harness.awaitTallied(tenant);
        var analytics = harness.bean(DealAnalytics.class);
        for (DealQuery query : history.queries()) {
            assertThat(analytics.funnel(tenant, query)).isEqualTo(DealReference.funnel(events, query));
            assertThat(analytics.forecast(tenant, query)).isEqualTo(DealReference.forecast(events, query));
        }

        var deadLetters = TopicReader.read(
                        "deal-events.dlq",
                        read -> read.stream().anyMatch(r -> poisonKey.equals(r.key())),
                        Duration.ofSeconds(30))
                .stream()
                .filter(r -> poisonKey.equals(r.key()))
                .toList();
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.getFirst().body()).isEqualTo("{broken");
        assertThat(deadLetters.getFirst().header("x-original-topic")).isEqualTo("deal-events");
        assertThat(deadLetters.getFirst().header("x-exception-message")).contains("unreadable data");
        assertThat(deadLetters.getFirst().header("ce_subject")).isEqualTo(poisonKey);
    }

    @Test
    void writesTheSameDocumentsAsTheOneAtATimePath() {
        var harness = ProjectionHarness.shared();
        String tenant = "tenant-" + UUID.randomUUID();
        List<WireEvent> wired = manyDeals().events().stream()
                .map(e -> harness.wire(tenant, e.aggregateId(), e.sequence(), e.event()))
                .toList();
        Generation oneAtATime = new Generation(902);

        harness.deliverBatch(wired);
        var delivery = harness.bean(InOrderDelivery.class);
        for (WireEvent event : wired) {
            projections(harness)
                    .forEach(projection -> delivery.deliver(event.message(), DEAL_EVENTS, projection, oneAtATime));
        }

        assertThat(harness.documents(tenant)).isEqualTo(harness.documents(tenant, oneAtATime));
        assertThat(harness.documents(tenant).get("deal_histories")).isNotEmpty();
    }

    /**
     * Another writer (the replay or the live consumer of a rebuild, ADR 0010) applies an aggregate's next event, or
     * creates its document, after the batch read it and before the batch writes it: the guarded write leaves the
     * document as the other writer left it, and the aggregate's events go the one-at-a-time path instead.
     */
    @Test
    void anAggregateAnotherWriterMovedMeanwhileGoesTheOneAtATimePath() {
        var harness = ProjectionHarness.shared();
        String tenant = "tenant-" + UUID.randomUUID();
        List<DealFixtures.Sequenced> events = manyDeals().events();
        List<WireEvent> wired = events.stream()
                .map(e -> harness.wire(tenant, e.aggregateId(), e.sequence(), e.event()))
                .toList();
        String moved = longestDeal(events);
        String created = events.stream()
                .map(DealFixtures.Sequenced::aggregateId)
                .filter(id -> !id.equals(moved) && !id.equals(GeneratedDeals.PIPELINE_ID))
                .findFirst()
                .orElseThrow();
        // the batch starts from the moved deal's first two events and nothing of the created one
        List<WireEvent> before = wired.stream()
                .filter(e -> e.aggregateId().equals(moved) && e.sequence() <= 2)
                .toList();
        harness.deliverBatch(before);
        var delivery = harness.bean(InOrderDelivery.class);
        var deals = harness.bean(DealHistoryProjection.class);
        Set<String> raced = new HashSet<>();
        // the other writer applies the moved deal's third event and the created deal's first, between read and write
        FoldingProjection<DealEvent, DealHistory> racing = new Racing(deals) {
            @Override
            public DealHistory fold(DealHistory current, IncomingEvent<DealEvent> event) {
                if ((event.subject().equals(moved) || event.subject().equals(created)) && raced.add(event.subject())) {
                    long next = event.subject().equals(moved) ? 3 : 1;
                    wired.stream()
                            .filter(e -> e.aggregateId().equals(event.subject()) && e.sequence() == next)
                            .forEach(e -> delivery.deliver(e.message(), DEAL_EVENTS, deals, Generation.INITIAL));
                }
                return super.fold(current, event);
            }
        };
        List<WireEvent> rest = wired.stream().filter(e -> !before.contains(e)).toList();
        var batches = harness.bean(BatchDelivery.class);
        List<BatchDelivery.Received<DealEvent>> batch = new ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
            batch.add(new BatchDelivery.Received<>(
                    i,
                    delivery.read(rest.get(i).message(), DEAL_EVENTS),
                    rest.get(i).message()));
        }

        Map<Integer, String> poison = batches.deliver(batch, DEAL_EVENTS, racing, Generation.INITIAL);

        assertThat(poison).isEmpty();
        assertThat(raced).contains(moved, created);
        assertThat(harness.parked(tenant)).isZero();
        Map<String, DealHistory> expected =
                DealFixtures.histories(tenant, events).stream().collect(Collectors.toMap(DealHistory::dealId, h -> h));
        for (String deal : expected.keySet()) {
            assertThat(harness.mongo().findById(DealHistory.idOf(tenant, deal), DealHistory.class))
                    .as(deal)
                    .usingRecursiveComparison()
                    .ignoringFields("untallied")
                    .isEqualTo(expected.get(deal));
        }
    }

    /** A history of many deals, one of them with at least four events, the same every run. */
    private static Generated manyDeals() {
        return Seeds.of(200)
                .mapToObj(seed -> GeneratedDeals.generate(new Random(seed), 12))
                .filter(generated ->
                        generated.dealCount() >= 8 && events(generated.events(), longestDeal(generated.events())) >= 4)
                .findFirst()
                .orElseThrow();
    }

    private static String longestDeal(List<DealFixtures.Sequenced> events) {
        return events.stream()
                .filter(e -> !(e.event() instanceof PipelineDefined))
                .collect(Collectors.groupingBy(DealFixtures.Sequenced::aggregateId, Collectors.counting()))
                .entrySet()
                .stream()
                .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .orElseThrow()
                .getKey();
    }

    private static long events(List<DealFixtures.Sequenced> events, String aggregateId) {
        return events.stream().filter(e -> e.aggregateId().equals(aggregateId)).count();
    }

    private static int indexOf(List<DealFixtures.Sequenced> events, String aggregateId, long sequence) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).aggregateId().equals(aggregateId) && events.get(i).sequence() == sequence) {
                return i;
            }
        }
        throw new IllegalArgumentException(aggregateId + "#" + sequence);
    }

    private static double outcomes(ProjectionHarness harness, String outcome) {
        return harness
                .bean(MeterRegistry.class)
                .find("stageflow.projection.events")
                .tags("projection", "deal-histories", "outcome", outcome)
                .counters()
                .stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private static List<SequencedProjection<DealEvent>> projections(ProjectionHarness harness) {
        return List.of(harness.bean(PipelineDefinitionProjection.class), harness.bean(DealHistoryProjection.class));
    }

    /** The deal-history projection, with a hook between the batch's read and its write. */
    private static class Racing implements FoldingProjection<DealEvent, DealHistory> {

        private final DealHistoryProjection projection;

        Racing(DealHistoryProjection projection) {
            this.projection = projection;
        }

        @Override
        public String name() {
            return projection.name();
        }

        @Override
        public List<Class<?>> documentTypes() {
            return projection.documentTypes();
        }

        @Override
        public boolean handles(IncomingEvent<DealEvent> event) {
            return projection.handles(event);
        }

        @Override
        public long appliedSequence(IncomingEvent<DealEvent> event, Generation generation) {
            return projection.appliedSequence(event, generation);
        }

        @Override
        public void apply(IncomingEvent<DealEvent> event, Generation generation) {
            projection.apply(event, generation);
        }

        @Override
        public Class<DealHistory> documentType() {
            return projection.documentType();
        }

        @Override
        public String documentId(IncomingEvent<DealEvent> event) {
            return projection.documentId(event);
        }

        @Override
        public String documentId(DealHistory document) {
            return projection.documentId(document);
        }

        @Override
        public long sequenceOf(DealHistory document) {
            return projection.sequenceOf(document);
        }

        @Override
        public DealHistory fold(DealHistory current, IncomingEvent<DealEvent> event) {
            return projection.fold(current, event);
        }
    }
}
