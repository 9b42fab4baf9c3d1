package io.stageflow.analytics.deals;

import static io.stageflow.analytics.deals.DealFixtures.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stageflow.analytics.deals.DealFixtures.Sequenced;
import io.stageflow.platform.messaging.CloudEventCodec;
import io.stageflow.testsupport.ApiClient;
import io.stageflow.testsupport.StageflowIntegrationTest;
import io.stageflow.testsupport.TestTokens;
import io.stageflow.testsupport.TopicWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
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
 * Deal funnel, velocity and forecast fed through a real broker the way deal-service feeds them, with the worked
 * example of docs/metrics.md: the hand-calculated numbers, whatever order and however often Kafka delivers.
 */
@StageflowIntegrationTest
class DealAnalyticsIntegrationTests {

    private static final String AS_OF = "&asOf=" + day(20);

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
    void answersTheWorkedExampleWithTheHandCalculatedNumbers() {
        publish(events);
        awaitApplied();

        assertWorkedExampleOnDayTwenty();
        var asOfNow = (ObjectNode) get("/api/v1/analytics/funnel?pipelineId=" + pipelineId);
        var onDayTwenty = (ObjectNode) get("/api/v1/analytics/funnel?pipelineId=" + pipelineId + AS_OF);
        asOfNow.remove("asOf");
        onDayTwenty.remove("asOf");
        assertThat(asOfNow)
                .as("asOf defaults to now, and nothing happened after day 20")
                .isEqualTo(onDayTwenty);
    }

    @Test
    void countsTheSameWhenEveryEventComesTwiceAndShuffled() {
        List<Sequenced> delivered = new ArrayList<>();
        delivered.addAll(events);
        delivered.addAll(events);
        Collections.shuffle(delivered, new Random(7));
        // both copies of d5's creation last: every other event of the reopened deal has to wait for it
        Sequenced d5Created = events.stream()
                .filter(e -> e.aggregateId().equals("d5") && e.sequence() == 1)
                .findFirst()
                .orElseThrow();
        delivered.removeIf(d5Created::equals);
        delivered.add(d5Created);
        delivered.add(d5Created);
        double parkedBefore = consumed("parked");
        double duplicatesBefore = consumed("duplicate");
        publish(delivered);
        awaitApplied();

        assertWorkedExampleOnDayTwenty();
        assertThat(consumed("parked") - parkedBefore)
                .as("d5's events alone had to wait")
                .isGreaterThanOrEqualTo(5);
        assertThat(consumed("duplicate") - duplicatesBefore).isPositive();
        assertThat(mongo.count(Query.query(Criteria.where("aggregateKey").regex("^" + tenant)), "parked_events"))
                .as("every early event was applied once its predecessor came")
                .isZero();
    }

    @Test
    void answersAsOfAPastInstantWithTheEarlierState() {
        publish(events);
        awaitApplied();

        JsonNode funnel = get("/api/v1/analytics/funnel?pipelineId=" + pipelineId + "&asOf=" + day(6, 3));
        assertThat(funnel.get("asOf").asString()).isEqualTo("2026-03-08T12:00:00Z");
        assertThat(funnel.get("won").asLong()).isZero();
        assertThat(funnel.get("lost").asLong()).isEqualTo(2);
        assertThat(funnel.get("open").asLong()).isEqualTo(8);
        assertThat(funnel.get("stages").findValuesAsString("key"))
                .containsExactly("lead", "qualified", "proposal", "negotiation");
        assertThat(funnel.get("stages").findValues("entered").stream().map(JsonNode::asLong))
                .containsExactly(10L, 7L, 4L, 1L);
        assertThat(funnel.get("stages").findValues("current").stream().map(JsonNode::asLong))
                .containsExactly(2L, 3L, 2L, 1L);
        assertThat(funnel.get("openValue").toString())
                .isEqualTo(
                        "[{\"currency\":\"EUR\",\"value\":\"69000.00\"},{\"currency\":\"USD\",\"value\":\"12000.00\"}]");
        assertThat(funnel.get("weightedValue").toString())
                .isEqualTo(
                        "[{\"currency\":\"EUR\",\"value\":\"28700.00\"},{\"currency\":\"USD\",\"value\":\"5200.00\"}]");

        JsonNode velocity = get("/api/v1/analytics/velocity?pipelineId=" + pipelineId + "&asOf=" + day(10));
        assertThat(velocity.at("/pipeline/lostDeals").asLong())
                .as("d5 was lost on day 8 and reopened only on day 11")
                .isEqualTo(3);
        assertThat(velocity.at("/pipeline/winRate").decimalValue()).isEqualByComparingTo("0.4");
        assertThat(velocity.at("/pipeline/currencies/0/velocityPerDay").asString())
                .isEqualTo("2133.33");

        JsonNode forecast = get("/api/v1/analytics/forecast?pipelineId=" + pipelineId + "&asOf=" + day(11));
        assertThat(forecast.get("staleDeals").findValues("stale").stream().map(JsonNode::asLong))
                .containsExactly(1L, 0L, 0L, 0L);
    }

    @Test
    void countsOnlyTheDealsCreatedInThePeriod() {
        publish(events);
        awaitApplied();

        JsonNode funnel =
                get("/api/v1/analytics/funnel?pipelineId=" + pipelineId + "&from=2026-03-04&to=2026-03-05" + AS_OF);

        assertThat(funnel.get("deals").asLong()).isEqualTo(4);
        assertThat(funnel.get("from").asString()).isEqualTo("2026-03-04");
        assertThat(funnel.get("lost").asLong()).isEqualTo(1);
        assertThat(funnel.at("/stages/0/entered").asLong()).isEqualTo(4);
    }

    @Test
    void answersAnotherTenantsPipelineWithNotFound() {
        publish(events);
        awaitApplied();
        get("/api/v1/analytics/funnel?pipelineId=" + pipelineId);

        String otherTenantsAdmin = TestTokens.bearer("other-" + UUID.randomUUID(), "olga", "ADMIN", "MANAGER");
        for (String report : List.of("funnel", "velocity", "forecast")) {
            var response = api.get("/api/v1/analytics/" + report + "?pipelineId=" + pipelineId, otherTenantsAdmin);
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(api.get("/api/v1/analytics/" + report + "?pipelineId=no-such-pipeline", manager)
                            .status())
                    .isEqualTo(404);
        }
    }

    @Test
    void refusesDealAnalyticsToSalesAndAnswersAdmins() {
        publish(List.of(DealFixtures.pipeline(pipelineId)));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                mongo.findById(PipelineDefinition.idOf(tenant, pipelineId), PipelineDefinition.class))
                        .isNotNull());

        String sales = TestTokens.bearer(tenant, "sam", "SALES");
        String hr = TestTokens.bearer(tenant, "hanna", "HR");
        String admin = TestTokens.bearer(tenant, "ada", "ADMIN");
        for (String report : List.of("funnel", "velocity", "forecast")) {
            String path = "/api/v1/analytics/" + report + "?pipelineId=";
            var refused = api.get(path + pipelineId, sales);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(api.get(path + pipelineId, hr).status()).isEqualTo(403);
            assertThat(api.get(path + "no-such-pipeline", sales).status())
                    .as("refused before anything is looked up")
                    .isEqualTo(403);
            assertThat(api.get("/api/v1/analytics/" + report + "?asOf=never", sales)
                            .status())
                    .as("refused before parameters are read")
                    .isEqualTo(403);
            var empty = api.get(path + pipelineId, admin);
            assertThat(empty.status()).isEqualTo(200);
        }
    }

    @Test
    void rejectsBadParametersNamingTheField() {
        var noPipeline = api.get("/api/v1/analytics/funnel", manager);
        var badPeriod =
                api.get("/api/v1/analytics/funnel?pipelineId=p&from=yesterday&to=2026-03-01&asOf=soon", manager);
        var badAsOf = api.get("/api/v1/analytics/forecast?pipelineId=p&asOf=2026-03-01", manager);

        assertThat(noPipeline.status()).isEqualTo(400);
        assertThat(noPipeline.contentType()).startsWith("application/problem+json");
        assertThat(noPipeline.body().at("/errors/0/field").asString()).isEqualTo("pipelineId");
        assertThat(badPeriod.status()).isEqualTo(400);
        assertThat(Stream.of(0, 1)
                        .map(i -> badPeriod.body().at("/errors/" + i + "/field").asString())
                        .toList())
                .containsExactly("from", "asOf");
        assertThat(badAsOf.status()).isEqualTo(400);
        assertThat(badAsOf.body().at("/errors/0/field").asString()).isEqualTo("asOf");
        assertThat(api.get("/api/v1/analytics/velocity", manager).status()).isEqualTo(400);
    }

    /** The numbers of docs/metrics.md on day 20, the end of the worked example. */
    private void assertWorkedExampleOnDayTwenty() {
        JsonNode funnel = get("/api/v1/analytics/funnel?pipelineId=" + pipelineId + AS_OF);
        assertThat(funnel.get("pipelineId").asString()).isEqualTo(pipelineId);
        assertThat(funnel.get("asOf").asString()).isEqualTo("2026-03-22T09:00:00Z");
        assertThat(funnel.get("deals").asLong()).isEqualTo(10);
        assertThat(funnel.get("won").asLong()).isEqualTo(3);
        assertThat(funnel.get("lost").asLong()).isEqualTo(2);
        assertThat(funnel.get("winRate").decimalValue()).isEqualByComparingTo("0.6");
        JsonNode stages = funnel.get("stages");
        assertThat(stages.findValuesAsString("key")).containsExactly("lead", "qualified", "proposal", "negotiation");
        assertThat(longs(stages, "entered")).containsExactly(10L, 8L, 5L, 3L);
        assertThat(longs(stages, "current")).containsExactly(2L, 1L, 1L, 1L);
        assertThat(longs(stages, "dropOff")).containsExactly(2L, 3L, 1L, 1L);
        assertThat(decimals(stages, "conversionRate")).containsExactly("0.8", "0.625", "0.8", "0.667");
        assertThat(decimals(stages, "avgHoursInStage")).containsExactly("42.67", "61.71", "90", "48");
        assertThat(decimals(stages, "medianHoursInStage")).containsExactly("48", "48", "96", "48");
        assertThat(funnel.get("openValue").toString())
                .isEqualTo(
                        "[{\"currency\":\"EUR\",\"value\":\"39000.00\"},{\"currency\":\"USD\",\"value\":\"4000.00\"}]");
        assertThat(funnel.get("weightedValue").toString())
                .isEqualTo(
                        "[{\"currency\":\"EUR\",\"value\":\"18300.00\"},{\"currency\":\"USD\",\"value\":\"1200.00\"}]");

        JsonNode velocity = get("/api/v1/analytics/velocity?pipelineId=" + pipelineId + AS_OF);
        JsonNode all = velocity.get("pipeline");
        assertThat(all.get("openDeals").asLong()).isEqualTo(5);
        assertThat(all.get("wonDeals").asLong()).isEqualTo(3);
        assertThat(all.get("lostDeals").asLong()).isEqualTo(2);
        assertThat(all.get("averageSalesCycleDays").decimalValue()).isEqualByComparingTo("9");
        assertThat(all.get("currencies").toString())
                .isEqualTo("[{\"currency\":\"EUR\",\"openDeals\":4,\"wonDeals\":2,\"averageWonValue\":\"15000.00\","
                        + "\"velocityPerDay\":\"4000.00\"},{\"currency\":\"USD\",\"openDeals\":1,\"wonDeals\":1,"
                        + "\"averageWonValue\":\"8000.00\",\"velocityPerDay\":\"533.33\"}]");
        assertThat(velocity.get("owners").findValuesAsString("ownerId")).containsExactly("ann", "bob");
        assertThat(velocity.at("/owners/0/currencies/0/velocityPerDay").asString())
                .isEqualTo("3157.89");
        assertThat(velocity.at("/owners/1/winRate").decimalValue()).isEqualByComparingTo("0.333");

        JsonNode forecast = get("/api/v1/analytics/forecast?pipelineId=" + pipelineId + AS_OF);
        assertThat(forecast.get("months").toString())
                .isEqualTo("[{\"month\":\"2026-04\",\"currency\":\"EUR\",\"deals\":2,\"value\":\"27000.00\","
                        + "\"weightedValue\":\"17100.00\"},"
                        + "{\"month\":\"2026-05\",\"currency\":\"EUR\",\"deals\":1,\"value\":\"3000.00\","
                        + "\"weightedValue\":\"300.00\"},"
                        + "{\"month\":\"2026-05\",\"currency\":\"USD\",\"deals\":1,\"value\":\"4000.00\","
                        + "\"weightedValue\":\"1200.00\"},"
                        + "{\"month\":null,\"currency\":\"EUR\",\"deals\":1,\"value\":\"9000.00\","
                        + "\"weightedValue\":\"900.00\"}]");
        assertThat(forecast.at("/owners/0/ownerId").asString()).isEqualTo("ann");
        assertThat(forecast.at("/owners/0/months/0/weightedValue").asString()).isEqualTo("17100.00");
        assertThat(forecast.get("staleDeals").toString())
                .isEqualTo("[{\"key\":\"lead\",\"name\":\"Lead\",\"open\":2,\"stale\":2},"
                        + "{\"key\":\"qualified\",\"name\":\"Qualified\",\"open\":1,\"stale\":0},"
                        + "{\"key\":\"proposal\",\"name\":\"Proposal\",\"open\":1,\"stale\":1},"
                        + "{\"key\":\"negotiation\",\"name\":\"Negotiation\",\"open\":1,\"stale\":0}]");
    }

    private void publish(List<Sequenced> toPublish) {
        toPublish.forEach(event -> topic.send(
                codec.toRecord(codec.toOutboxEntry(tenant, event.aggregateId(), event.sequence(), event.event()))));
    }

    /** Waits until the pipeline is known and every deal applied its last event. */
    private void awaitApplied() {
        var lastSequences = DealFixtures.lastSequences(events);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(mongo.findById(PipelineDefinition.idOf(tenant, pipelineId), PipelineDefinition.class))
                    .isNotNull();
            lastSequences.forEach((aggregate, sequence) -> {
                if (!aggregate.equals(pipelineId)) {
                    assertThat(mongo.findById(DealHistory.idOf(tenant, aggregate), DealHistory.class))
                            .as(aggregate)
                            .isNotNull()
                            .extracting(DealHistory::sequence)
                            .isEqualTo(sequence);
                }
            });
            // a tally answers exactly once the tallier counted every change (ADR 0014)
            assertThat(mongo.exists(
                            Query.query(Criteria.where("untallied")
                                    .is(true)
                                    .and("tenantId")
                                    .is(tenant)),
                            DealHistory.class))
                    .isFalse();
        });
    }

    /** Deal events the deal-history projection handled with this outcome, so far, in this application context. */
    private double consumed(String outcome) {
        return meters
                .find("stageflow.projection.events")
                .tags("projection", "deal-histories", "outcome", outcome)
                .counters()
                .stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private JsonNode get(String path) {
        var response = api.get(path, manager);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.body();
    }

    private static List<Long> longs(JsonNode stages, String field) {
        return stages.findValues(field).stream().map(JsonNode::asLong).toList();
    }

    /** Decimals without trailing zeros, so that 0.800 and 0.8 compare equal. */
    private static List<String> decimals(JsonNode stages, String field) {
        return stages.findValues(field).stream()
                .map(node -> node.decimalValue().stripTrailingZeros().toPlainString())
                .toList();
    }
}
