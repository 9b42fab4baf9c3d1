package io.stageflow.analytics.deals;

import static io.stageflow.analytics.deals.DealFixtures.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stageflow.analytics.deals.DealFixtures.Sequenced;
import io.stageflow.analytics.sequencing.Generation;
import io.stageflow.analytics.sequencing.ProjectionGenerations;
import io.stageflow.analytics.tallying.TallierProperties;
import io.stageflow.analytics.tallying.TallyStore;
import io.stageflow.events.deal.PipelineDefined;
import io.stageflow.events.deal.PipelineStage;
import io.stageflow.platform.messaging.CloudEventCodec;
import io.stageflow.testsupport.ApiClient;
import io.stageflow.testsupport.MutableClock;
import io.stageflow.testsupport.StageflowIntegrationTest;
import io.stageflow.testsupport.TestTokens;
import io.stageflow.testsupport.TopicWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stored tallies of ADR 0014 against the real broker and store: once a pipeline's tally counts every deal, funnel
 * and forecast are answered from it and say exactly what reading every history says, also after deals change and
 * after the pipeline is redefined; and a tallier that loses its lease or dies midway neither loses nor double-counts
 * a deal.
 */
@StageflowIntegrationTest
class DealTallyIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    CloudEventCodec codec;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MeterRegistry meters;

    @Autowired
    DealTallies tallies;

    @Autowired
    ProjectionGenerations generations;

    ApiClient api;
    TopicWriter topic;
    String tenant;
    String manager;
    String pipelineId;
    List<Sequenced> events;

    @BeforeEach
    void setUp() {
        api = new ApiClient("http://localhost:" + port);
        topic = new TopicWriter();
        tenant = "tenant-" + UUID.randomUUID();
        manager = TestTokens.bearer(tenant, "maria", "MANAGER");
        pipelineId = "pipeline-" + UUID.randomUUID();
        events = DealFixtures.workedExample(pipelineId);
    }

    @AfterEach
    void tearDown() {
        topic.close();
    }

    @Test
    void answersFromTheTallyExactlyWhatReadingEveryHistoryAnswers() {
        publish(events);
        awaitReadyTally(1);

        double fromTally = answers("tally");
        ObjectNode now = funnel("");
        ObjectNode read = funnel("&from=2026-01-01");
        assertThat(answers("tally") - fromTally)
                .as("the whole pipeline now is answered from the tally, a period by reading")
                .isEqualTo(1);
        assertThat(withoutQuery(now)).isEqualTo(withoutQuery(read));
        assertThat(now.get("deals").asLong()).isEqualTo(10);

        var version = DealFixtures.pipelineDefinition(tenant, events).latest();
        var query = new DealQuery(pipelineId, Instant.parse(now.get("asOf").asString()), null, null);
        assertThat(storedTally().forecast(pipelineId, version, query)).isEqualTo(DealReference.forecast(events, query));
        assertThat(api.get("/api/v1/analytics/forecast?pipelineId=" + pipelineId, manager)
                        .status())
                .isEqualTo(200);
        assertThat(answers("tally") - fromTally).isEqualTo(2);
    }

    @Test
    void keepsCountingExactlyAsDealsChangeAfterTheTallyIsComplete() {
        publish(events);
        awaitReadyTally(1);

        // d10 as the worked example has it, then two more moves; and a deal the tally has not seen yet
        var d10 = DealFixtures.deal(pipelineId, "d10")
                .create(day(5), 400_000, "USD", "ann", "2026-05-10")
                .moveTo("qualified", day(8))
                .setOwner("bob", day(9))
                .moveTo("proposal", day(16))
                .win(day(17));
        var d11 = DealFixtures.deal(pipelineId, "d11")
                .create(day(16), 250_000, "EUR", null, "2026-06-30")
                .moveTo("negotiation", day(16, 5));
        List<Sequenced> later = new ArrayList<>(d10.events().subList(3, 5));
        later.addAll(d11.events());
        publish(later);
        events.addAll(later);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            double fromTally = answers("tally");
            ObjectNode now = funnel("");
            assertThat(answers("tally") - fromTally).isEqualTo(1);
            assertThat(now.get("deals").asLong()).isEqualTo(11);
            assertThat(withoutQuery(now)).isEqualTo(withoutQuery(funnel("&from=2026-01-01")));
        });
        var version = DealFixtures.pipelineDefinition(tenant, events).latest();
        var query = new DealQuery(pipelineId, day(30), null, null);
        assertThat(storedTally().forecast(pipelineId, version, query)).isEqualTo(DealReference.forecast(events, query));
    }

    @Test
    void countsEveryDealAgainIntoATallyOfTheNewVersionWhenThePipelineIsRedefined() {
        publish(events);
        awaitReadyTally(1);

        // qualified after proposal now, and other probabilities: "advanced" and the weighted values change
        List<PipelineStage> stages = List.of(
                new PipelineStage("lead", "Lead", 5, 14, "OPEN"),
                new PipelineStage("proposal", "Proposal", 40, 14, "OPEN"),
                new PipelineStage("qualified", "Qualified", 70, 14, "OPEN"),
                new PipelineStage("negotiation", "Negotiation", 90, 14, "OPEN"),
                new PipelineStage("won", "Won", 100, null, "WON"),
                new PipelineStage("lost", "Lost", 0, null, "LOST"));
        Sequenced redefined = new Sequenced(
                pipelineId, 2, new PipelineDefined(pipelineId, "Sales", "SALES", 2, stages, List.of("price"), day(16)));
        publish(List.of(redefined));
        events.add(redefined);
        awaitReadyTally(2);

        ObjectNode now = funnel("");
        assertThat(now.get("pipelineVersion").asLong()).isEqualTo(2);
        assertThat(withoutQuery(now)).isEqualTo(withoutQuery(funnel("&from=2026-01-01")));
        // deals keep the probabilities deal-service published until their next event, so reading every history is
        // the measure here, not the reference (which applies the new stage probabilities at once)
        var query = new DealQuery(pipelineId, day(30), null, null);
        var version = DealFixtures.pipelineDefinition(tenant, events).latest();
        var forecast = new ForecastTally(pipelineId, version, query);
        mongo.find(Query.query(Criteria.where("tenantId").is(tenant)), DealHistory.class)
                .forEach(forecast::add);
        assertThat(storedTally().forecast(pipelineId, version, query)).isEqualTo(forecast.result());
    }

    /**
     * In a generation of its own, away from the service's tallier: holder A counts the deals; a change to d9 dies in
     * A's round after the tally was added to, another change to d10 before. B takes over when A's lease runs out,
     * settles both, and A, still believing it holds the lease, is refused. The tally stays exactly the sum of the
     * histories.
     */
    @Test
    void aTallierThatDiesMidwayOrLosesItsLeaseNeitherLosesNorDoubleCountsADeal() {
        Generation generation = new Generation(1_000_000 + new Random().nextInt(1_000_000));
        String histories = tallies.membersCollection(generation);
        mongo.insert(
                DealFixtures.pipelineDefinition(tenant, events),
                generation.collection(mongo.getCollectionName(PipelineDefinition.class)));
        mongo.insert(DealFixtures.histories(tenant, events), histories);
        var clockA = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
        var clockB = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
        DealTallier a = tallier(clockA);
        DealTallier b = tallier(clockB);
        tallyUntilDone(a, generation);
        assertThat(tallies.ready(generation, tenant, pipelineId))
                .as("A counted every deal")
                .isPresent();

        var version = DealFixtures.pipelineDefinition(tenant, events).latest();
        String tallyId = PipelineDefinition.idOf(tenant, pipelineId);
        // d9 won: A added its new share to the tally and died before it recorded the share as applied
        Sequenced d9Won = DealFixtures.deal(pipelineId, "d9")
                .create(day(4), 900_000, "EUR", "bob", null)
                .moveTo("qualified", day(6))
                .moveTo("lead", day(9))
                .markStale(day(12))
                .win(day(16))
                .events()
                .get(4);
        DealHistory d9 = history(histories, "d9").then(d9Won.event(), d9Won.sequence());
        mongo.save(d9, histories);
        long roundOfD9 = nextLeaseRound(generation);
        DealTally d9Share = DealTally.of(d9, version, Instant.MAX);
        DealTally d9Counted = DealTally.of(TallyStore.counters(
                tallies.shares(generation).find(Filters.eq("_id", d9.id())).first(), "counters"));
        List<Bson> increments = new ArrayList<>();
        d9Share.minus(d9Counted)
                .counters()
                .asMap()
                .forEach((key, value) -> increments.add(Updates.inc("c." + key, value)));
        increments.add(Updates.set("round", roundOfD9));
        tallies.shares(generation).updateOne(Filters.eq("_id", d9.id()), pending(roundOfD9, tallyId, d9Share));
        tallies.tallies(generation).updateOne(Filters.eq("_id", tallyId), Updates.combine(increments));
        // d10 lost: A wrote its pending share and died before adding it
        Sequenced d10Lost = DealFixtures.deal(pipelineId, "d10")
                .create(day(5), 400_000, "USD", "ann", "2026-05-10")
                .moveTo("qualified", day(8))
                .setOwner("bob", day(9))
                .lose(day(16), "price")
                .events()
                .get(3);
        DealHistory d10 = history(histories, "d10").then(d10Lost.event(), d10Lost.sequence());
        mongo.save(d10, histories);
        long roundOfD10 = nextLeaseRound(generation);
        tallies.shares(generation)
                .updateOne(
                        Filters.eq("_id", d10.id()),
                        pending(roundOfD10, tallyId, DealTally.of(d10, version, Instant.MAX)));

        clockB.advance(Duration.ofMinutes(1));
        tallyUntilDone(b, generation);
        assertThat(tallies.shares(generation).countDocuments(Filters.eq("pending", true)))
                .as("B settled what A left")
                .isZero();
        // A wakes up and tries to count a change B has not seen yet
        DealHistory d7 = history(histories, "d7");
        mongo.save(
                new DealHistory(
                        d7.id(),
                        d7.tenantId(),
                        d7.dealId(),
                        d7.pipelineId(),
                        d7.createdAt(),
                        d7.stages(),
                        d7.statuses(),
                        d7.revisions(),
                        d7.sequence(),
                        true),
                histories);
        assertThat(a.tallyOnce(generation)).isFalse();
        assertThat(history(histories, "d7").untallied()).as("A counted nothing").isTrue();
        tallyUntilDone(b, generation);

        List<DealHistory> all = mongo.findAll(DealHistory.class, histories);
        assertThat(all).allSatisfy(history -> assertThat(history.untallied()).isNull());
        var query = new DealQuery(pipelineId, day(30), null, null);
        var funnel = new FunnelTally(pipelineId, version, query);
        var forecast = new ForecastTally(pipelineId, version, query);
        all.forEach(history -> {
            funnel.add(history);
            forecast.add(history);
        });
        DealTally stored = DealTally.of(
                tallies.ready(generation, tenant, pipelineId).orElseThrow().sum());
        assertThat(stored.funnel(pipelineId, version, query)).isEqualTo(funnel.result());
        assertThat(stored.forecast(pipelineId, version, query)).isEqualTo(forecast.result());
        assertThat(stored.get("won")).as("d1, d2, d4 and now d9").isEqualTo(4);
        assertThat(stored.get("lost")).as("d3, d6 and now d10").isEqualTo(3);
    }

    private DealTallier tallier(MutableClock clock) {
        return new DealTallier(
                mongo,
                tallies,
                generations,
                new TallierProperties(false, 4, Duration.ofMillis(1), Duration.ofSeconds(15), Duration.ZERO, 1),
                clock,
                new SimpleMeterRegistry());
    }

    private void tallyUntilDone(DealTallier tallier, Generation generation) {
        for (int round = 0; round < 100 && tallier.tallyOnce(generation); round++) {
            // a full round: more may be waiting
        }
        tallier.tallyOnce(generation);
    }

    private DealHistory history(String collection, String dealId) {
        return mongo.findById(DealHistory.idOf(tenant, dealId), DealHistory.class, collection);
    }

    private long nextLeaseRound(Generation generation) {
        return TallyStore.number(
                tallies.leases()
                        .findOneAndUpdate(
                                Filters.eq("_id", "g" + generation.number()),
                                Updates.inc("round", 1L),
                                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)),
                "round");
    }

    private static Bson pending(long round, String tallyId, DealTally share) {
        return Updates.combine(
                Updates.set("pending", true),
                Updates.set("pendingRound", round),
                Updates.set("pendingTally", tallyId),
                Updates.set("pendingVersion", 1L),
                Updates.set("pendingCounters", TallyStore.document(share.counters())));
    }

    private void awaitReadyTally(long version) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(tallies.ready(generations.serving(), tenant, pipelineId))
                        .hasValueSatisfying(
                                tally -> assertThat(tally.header().version()).isEqualTo(version)));
    }

    private DealTally storedTally() {
        return DealTally.of(tallies.ready(generations.serving(), tenant, pipelineId)
                .orElseThrow()
                .sum());
    }

    private ObjectNode funnel(String parameters) {
        var response = api.get("/api/v1/analytics/funnel?pipelineId=" + pipelineId + parameters, manager);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return (ObjectNode) response.body();
    }

    private static ObjectNode withoutQuery(ObjectNode funnel) {
        ObjectNode copy = funnel.deepCopy();
        copy.remove(List.of("asOf", "from", "to"));
        return copy;
    }

    private double answers(String source) {
        var counter = meters.find("stageflow.analytics.deal.answers")
                .tag("source", source)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private void publish(List<Sequenced> toPublish) {
        toPublish.forEach(event -> topic.send(
                codec.toRecord(codec.toOutboxEntry(tenant, event.aggregateId(), event.sequence(), event.event()))));
    }
}
