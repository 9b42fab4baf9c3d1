package io.stageflow.analytics.leadfunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.stageflow.events.Money;
import io.stageflow.events.deal.DealCreated;
import io.stageflow.events.deal.DealLost;
import io.stageflow.events.deal.DealReopened;
import io.stageflow.events.deal.DealWon;
import io.stageflow.events.lead.LeadConverted;
import io.stageflow.events.lead.LeadCreated;
import io.stageflow.events.lead.LeadDisqualified;
import io.stageflow.events.lead.LeadErased;
import io.stageflow.events.lead.LeadQualified;
import io.stageflow.events.lead.Utm;
import io.stageflow.platform.messaging.CloudEventCodec;
import io.stageflow.testsupport.ApiClient;
import io.stageflow.testsupport.StageflowIntegrationTest;
import io.stageflow.testsupport.TestTokens;
import io.stageflow.testsupport.TopicReader;
import io.stageflow.testsupport.TopicWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The lead funnel fed through a real broker the way lead-service feeds it, and the ways Kafka can
 * misbehave: duplicates, reordering, poison records.
 */
@StageflowIntegrationTest
class LeadFunnelIntegrationTests {

    private static final Instant MARCH = Instant.parse("2026-03-02T09:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    CloudEventCodec codec;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MeterRegistry meters;

    ApiClient api;
    TopicWriter topic;
    String tenant;
    String token;

    @BeforeEach
    void setUp() {
        api = new ApiClient("http://localhost:" + port);
        topic = new TopicWriter();
        tenant = "tenant-" + UUID.randomUUID();
        token = TestTokens.bearer(tenant, "maria", "MANAGER");
    }

    @AfterEach
    void tearDown() {
        topic.close();
    }

    @Test
    void countsEveryLeadExactlyOnceDespiteDuplicatesAndEventsArrivingBeforeTheirPredecessor() {
        var web = codec.toRecord(codec.toOutboxEntry(tenant, "lead-a", 1, created("lead-a", "web", MARCH)));
        topic.send(web);
        topic.send(web); // redelivered: same event id, same sequence
        // lead-b's second event overtakes its first
        topic.send(codec.toRecord(
                codec.toOutboxEntry(tenant, "lead-b", 2, new LeadQualified("lead-b", "NEW", "MQL", 80, MARCH))));
        topic.send(codec.toRecord(codec.toOutboxEntry(tenant, "lead-b", 1, created("lead-b", "ads", MARCH))));
        topic.send(codec.toRecord(codec.toOutboxEntry(tenant, "lead-c", 1, created("lead-c", "web", MARCH))));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(funnel("").get("created").asLong()).isEqualTo(3));

        JsonNode funnel = funnel("");
        assertThat(funnel.get("bySource"))
                .extracting(row ->
                        row.get("source").asString() + " " + row.get("created").asLong())
                .containsExactly("web 2", "ads 1");
        LeadFunnelEntry leadB = mongo.findById(LeadFunnelEntry.idOf(tenant, "lead-b"), LeadFunnelEntry.class);
        assertThat(leadB.status())
                .as("the early event was applied once its predecessor arrived")
                .isEqualTo("MQL");
        assertThat(leadB.sequence()).isEqualTo(2);
        assertThat(mongo.count(Query.query(Criteria.where("aggregateKey").regex("^" + tenant)), "parked_events"))
                .isZero();
    }

    @Test
    void replayingEveryEventAgainChangesNothing() {
        var records = java.util.List.of(
                codec.toRecord(codec.toOutboxEntry(tenant, "lead-r", 1, created("lead-r", "event", MARCH))),
                codec.toRecord(codec.toOutboxEntry(
                        tenant, "lead-r", 2, new LeadQualified("lead-r", "NEW", "MQL", 70, MARCH))));
        records.forEach(topic::send);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(entry("lead-r"))
                        .extracting(LeadFunnelEntry::sequence)
                        .isEqualTo(2L));

        records.forEach(topic::send);
        String marker = "lead-marker";
        topic.send(codec.toRecord(codec.toOutboxEntry(tenant, marker, 1, created(marker, "event", MARCH))));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(entry(marker)).isNotNull());

        assertThat(funnel("").get("created").asLong()).isEqualTo(2);
        assertThat(entry("lead-r").status()).isEqualTo("MQL");
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheConsumerKeepsGoing() {
        String poisonKey = "poison-" + UUID.randomUUID();
        topic.send(
                new ProducerRecord<>("lead-events", poisonKey, "no headers at all".getBytes(StandardCharsets.UTF_8)));
        var unreadable = codec.toRecord(codec.toOutboxEntry(tenant, poisonKey, 1, created(poisonKey, "web", MARCH)));
        topic.send(new ProducerRecord<>(
                "lead-events", null, poisonKey, "{broken".getBytes(StandardCharsets.UTF_8), unreadable.headers()));
        topic.send(codec.toRecord(codec.toOutboxEntry(tenant, "lead-after", 1, created("lead-after", "web", MARCH))));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(funnel("").get("created").asLong()).isEqualTo(1));
        var deadLetters = TopicReader.read(
                        "lead-events.dlq",
                        read -> read.stream()
                                        .filter(r -> poisonKey.equals(r.key()))
                                        .count()
                                >= 2,
                        Duration.ofSeconds(30))
                .stream()
                .filter(r -> poisonKey.equals(r.key()))
                .toList();
        assertThat(deadLetters).hasSize(2);
    }

    @Test
    void countsOnlyTheCallersTenantAndTheRequestedPeriod() {
        String otherTenant = "other-" + UUID.randomUUID();
        topic.send(codec.toRecord(codec.toOutboxEntry(
                tenant, "lead-feb", 1, created("lead-feb", "web", Instant.parse("2026-02-10T10:00:00Z")))));
        topic.send(codec.toRecord(codec.toOutboxEntry(tenant, "lead-mar", 1, created("lead-mar", "web", MARCH))));
        topic.send(codec.toRecord(codec.toOutboxEntry(otherTenant, "lead-x", 1, created("lead-x", "web", MARCH))));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(funnel("").get("created").asLong()).isEqualTo(2));

        assertThat(funnel("?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z")
                        .get("created")
                        .asLong())
                .isEqualTo(1);
        assertThat(funnel("?to=2026-03-01T00:00:00Z").get("created").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/analytics/lead-funnel?from=yesterday", token)
                        .status())
                .isEqualTo(400);
    }

    @Test
    void entriesStoredByTheVersionBeforeStepsAreStillCountedAndFollowTheirNextEvents() {
        // the shape lead_funnel_entries had before campaigns, status history, deals and erasure were kept
        mongo.getCollection(mongo.getCollectionName(LeadFunnelEntry.class))
                .insertOne(new org.bson.Document("_id", LeadFunnelEntry.idOf(tenant, "lead-old"))
                        .append("tenantId", tenant)
                        .append("leadId", "lead-old")
                        .append("source", "web")
                        .append("status", "NEW")
                        .append("createdAt", java.util.Date.from(MARCH))
                        .append("sequence", 1L));

        assertThat(steps(funnel(""))).isEqualTo("1 0 0 0 0 0");

        topic.send(codec.toRecord(
                codec.toOutboxEntry(tenant, "lead-old", 2, new LeadQualified("lead-old", "NEW", "MQL", 80, day(1)))));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(steps(funnel(""))).isEqualTo("1 1 0 0 0 0"));
    }

    /**
     * The worked example of docs/metrics.md ("Lead funnel"). The deals' events are sent before the leads' (l7's deal
     * is won before analytics hears that l7 was converted), and twice; the numbers must not notice.
     */
    @Test
    void countsEachStepPerSourceAndCampaignAsOfAnyInstantWhateverTheOrderOfLeadAndDealEvents() {
        List<ProducerRecord<String, byte[]>> deals = new ArrayList<>();
        deal(deals, "d1", "l1", 3, new Object[] {"won", 6});
        deal(deals, "d2", "l2", 4, new Object[] {"lost", 8});
        deal(deals, "d3", "l3", 5, new Object[] {"won", 7, "reopened", 9});
        deal(deals, "d7", "l7", 5, new Object[] {"won", 6});
        deals.forEach(topic::send);
        deals.forEach(topic::send);

        lead("l1", "web", "spring", 0, "MQL", 1, "SQL", 2, "CONVERTED d1", 3);
        lead("l2", "web", "spring", 0, "MQL", 1, "SQL", 3, "CONVERTED d2", 4);
        lead("l3", "ads", "spring", 1, "SQL", 2, "CONVERTED d3", 5);
        lead("l4", "ads", "webinar", 1, "MQL", 2, "DISQUALIFIED", 4);
        lead("l5", "web", null, 2, "MQL", 3, "SQL", 5, "DISQUALIFIED", 6, "ERASED", 7);
        lead("l6", "event", "webinar", 2);
        lead("l7", "ads", "webinar", 2, "MQL", 3, "SQL", 4, "CONVERTED d7", 5);
        lead("l8", "web", "spring", 12, "MQL", 13);

        String period = "?from=2026-03-02T00:00:00Z&to=2026-03-12T00:00:00Z";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode all = funnel("?asOf=2026-03-22T09:00:00Z");
            assertThat(steps(all)).isEqualTo("8 7 5 4 2 2");
            assertThat(entry("l5").erased()).isTrue();
        });

        JsonNode day20 = funnel(period + "&asOf=2026-03-22T09:00:00Z");
        assertThat(day20.get("asOf").asString()).isEqualTo("2026-03-22T09:00:00Z");
        assertThat(steps(day20) + " " + rates(day20))
                .as("l1 and l7 won; l3's deal was won, then reopened")
                .isEqualTo("7 6 5 4 2 2 0.857 0.833 0.800 0.500 0.286");
        assertThat(day20.get("bySource"))
                .extracting(row -> row.get("source").asString() + " " + steps(row) + " " + rates(row))
                .containsExactly(
                        "ads 3 3 2 2 1 1 1.000 0.667 1.000 0.500 0.333",
                        "web 3 3 3 2 1 1 1.000 1.000 0.667 0.500 0.333",
                        "event 1 0 0 0 0 0 0.000 null null null 0.000");
        assertThat(day20.get("byCampaign"))
                .extracting(row -> (row.get("campaign").isNull()
                                ? "none"
                                : row.get("campaign").asString()) + " " + steps(row) + " " + rates(row))
                .containsExactly(
                        "spring 3 3 3 3 1 0 1.000 1.000 1.000 0.333 0.333",
                        "webinar 3 2 1 1 1 1 0.667 0.500 1.000 1.000 0.333",
                        "none 1 1 1 0 0 1 1.000 1.000 0.000 null 0.000");

        assertThat(steps(funnel(period + "&asOf=2026-03-09T21:00:00Z")))
                .as("day 7, 21:00: l3's deal is won and not yet reopened")
                .isEqualTo("7 6 5 4 3 2");
        JsonNode day2 = funnel(period + "&asOf=2026-03-04T21:00:00Z");
        assertThat(steps(day2) + " " + rates(day2))
                .as("day 2, 21:00: nobody converted yet")
                .isEqualTo("7 4 2 0 0 0 0.571 0.500 0.000 null 0.000");
        assertThat(steps(funnel(period + "&asOf=2026-03-03T12:00:00Z")))
                .as("day 1, 12:00: l5, l6, l7 did not exist yet")
                .isEqualTo("4 2 0 0 0 0");
    }

    @Test
    void refusesBadParametersNamingEachAndCallersWithoutTheRole() {
        var bad = api.get(
                "/api/v1/analytics/lead-funnel?from=2026-03-10T00:00:00Z&to=2026-03-01T00:00:00Z&asOf=soon", token);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.body().get("errors"))
                .extracting(error -> error.get("field").asString())
                .containsExactlyInAnyOrder("to", "asOf");

        var sales = api.get("/api/v1/analytics/lead-funnel", TestTokens.bearer(tenant, "sam", "SALES"));
        assertThat(sales.status()).isEqualTo(403);
        assertThat(sales.contentType()).startsWith("application/problem+json");
    }

    /**
     * The whole funnel "now" comes from the tenant's tally (ADR 0014) once it counts every lead, and says exactly what
     * reading every lead says, also when a converted lead's deal is won after the lead was counted, and reopened.
     */
    @Test
    void answersNowFromTheTenantsTallyExactlyWhatReadingEveryLeadAnswersAsDealsAreWonAndReopened() {
        List<ProducerRecord<String, byte[]>> deals = new ArrayList<>();
        deal(deals, "d1", "l1", 3, new Object[] {"won", 6});
        deal(deals, "d2", "l2", 4, new Object[] {});
        deals.forEach(topic::send);
        lead("l1", "web", "spring", 0, "MQL", 1, "SQL", 2, "CONVERTED d1", 3);
        lead("l2", "ads", null, 0, "SQL", 2, "CONVERTED d2", 4);
        lead("l3", "ads", "webinar", 1, "MQL", 2, "DISQUALIFIED", 4);
        lead("l4", "event", null, 2);
        awaitAnsweredFromTally("4 3 2 2 1 1");

        // d2 is won after l2 was counted as converted: the deal tallier asks for l2 to be counted again
        Money amount = new Money(1_000_000, "EUR");
        topic.send(codec.toRecord(codec.toOutboxEntry(
                tenant, "d2", 2, new DealWon("d2", "pipeline-1", "lead", "won", 60, amount, day(8)))));
        awaitAnsweredFromTally("4 3 2 2 2 1");
        // the tally counts d2's win of day 8: an instant before it is read from every lead, where l2 is not won yet
        double fromTally = answers("tally");
        assertThat(steps(funnel("?asOf=" + day(7)))).isEqualTo("4 3 2 2 1 1");
        assertThat(answers("tally") - fromTally).isZero();

        topic.send(codec.toRecord(codec.toOutboxEntry(
                tenant, "d2", 3, new DealReopened("d2", "pipeline-1", "won", "lead", false, day(9), 10))));
        awaitAnsweredFromTally("4 3 2 2 1 1");
    }

    private void awaitAnsweredFromTally(String expectedSteps) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            double fromTally = answers("tally");
            JsonNode now = funnel("");
            assertThat(answers("tally") - fromTally)
                    .as("answered from the tally")
                    .isEqualTo(1);
            assertThat(steps(now)).isEqualTo(expectedSteps);
            assertThat(withoutQuery(now)).isEqualTo(withoutQuery(funnel("?from=2000-01-01T00:00:00Z")));
        });
    }

    private double answers(String source) {
        var counter = meters.find("stageflow.analytics.lead-funnel.answers")
                .tag("source", source)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static JsonNode withoutQuery(JsonNode funnel) {
        ObjectNode copy = (ObjectNode) funnel.deepCopy();
        copy.remove(List.of("asOf", "from", "to"));
        return copy;
    }

    private JsonNode funnel(String query) {
        var response = api.get("/api/v1/analytics/lead-funnel" + query, token);
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private LeadFunnelEntry entry(String leadId) {
        return mongo.findById(LeadFunnelEntry.idOf(tenant, leadId), LeadFunnelEntry.class);
    }

    /** Created, MQL, SQL, converted, won and disqualified of one funnel row, space-separated. */
    private static String steps(JsonNode row) {
        return String.join(
                " ",
                Stream.of("created", "mql", "sql", "converted", "won", "disqualified")
                        .map(field -> String.valueOf(row.get(field).asLong()))
                        .toList());
    }

    /** A row's rates created→MQL, MQL→SQL, SQL→converted, converted→won and created→won, to 3 decimals. */
    private static String rates(JsonNode row) {
        JsonNode rates = row.get("rates");
        return String.join(
                " ",
                Stream.of("createdToMql", "mqlToSql", "sqlToConverted", "convertedToWon", "createdToWon")
                        .map(field -> rates.get(field).isNull()
                                ? "null"
                                : rates.get(field).decimalValue().setScale(3).toPlainString())
                        .toList());
    }

    private static Instant day(int day) {
        return MARCH.plus(Duration.ofDays(day));
    }

    /**
     * Sends a lead's events: created on {@code createdDay} with {@code campaign}, then pairs of what happened
     * ("MQL", "SQL", "DISQUALIFIED", "CONVERTED dealId", "ERASED") and on which day.
     */
    private void lead(String leadId, String source, String campaign, int createdDay, Object... moves) {
        Utm utm = campaign == null ? null : new Utm("newsletter", "email", campaign, null, null);
        List<Object> events = new ArrayList<>();
        events.add(new LeadCreated(leadId, source, utm, "NEW", null, day(createdDay)));
        String status = "NEW";
        for (int i = 0; i < moves.length; i += 2) {
            String move = (String) moves[i];
            Instant at = day((Integer) moves[i + 1]);
            if (move.startsWith("CONVERTED ")) {
                events.add(new LeadConverted(leadId, move.substring(10), "pipeline-1", "Deal", null, null, at));
            } else if (move.equals("DISQUALIFIED")) {
                events.add(new LeadDisqualified(leadId, status, "no budget", at));
            } else if (move.equals("ERASED")) {
                events.add(new LeadErased(leadId, at));
            } else {
                events.add(new LeadQualified(leadId, status, move, 80, at));
            }
            status = move.split(" ")[0];
        }
        for (int i = 0; i < events.size(); i++) {
            topic.send(codec.toRecord(codec.toOutboxEntry(tenant, leadId, i + 1, events.get(i))));
        }
    }

    /** A converted lead's deal: created on {@code createdDay}, then pairs of "won", "lost" or "reopened" and a day. */
    private void deal(
            List<ProducerRecord<String, byte[]>> records,
            String dealId,
            String leadId,
            int createdDay,
            Object[] moves) {
        Money amount = new Money(1_000_000, "EUR");
        List<Object> events = new ArrayList<>();
        events.add(new DealCreated(
                dealId, "pipeline-1", "lead", amount, 10, null, leadId, null, List.of(), false, day(createdDay)));
        for (int i = 0; i < moves.length; i += 2) {
            Instant at = day((Integer) moves[i + 1]);
            events.add(
                    switch ((String) moves[i]) {
                        case "won" -> new DealWon(dealId, "pipeline-1", "lead", "won", 60, amount, at);
                        case "lost" -> new DealLost(dealId, "pipeline-1", "lead", "lost", 60, amount, "price", at);
                        default -> new DealReopened(dealId, "pipeline-1", "won", "lead", false, at, 10);
                    });
        }
        for (int i = 0; i < events.size(); i++) {
            records.add(codec.toRecord(codec.toOutboxEntry(tenant, dealId, i + 1, events.get(i))));
        }
    }

    private static LeadCreated created(String leadId, String source, Instant at) {
        return new LeadCreated(leadId, source, null, "NEW", null, at);
    }
}
