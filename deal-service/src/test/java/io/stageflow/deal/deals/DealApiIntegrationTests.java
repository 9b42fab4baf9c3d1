package io.stageflow.deal.deals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stageflow.events.Money;
import io.stageflow.events.lead.LeadConverted;
import io.stageflow.platform.messaging.CloudEventCodec;
import io.stageflow.testsupport.ApiClient;
import io.stageflow.testsupport.MutableClock;
import io.stageflow.testsupport.StageflowIntegrationTest;
import io.stageflow.testsupport.TestTokens;
import io.stageflow.testsupport.TopicReader;
import io.stageflow.testsupport.TopicReader.Received;
import io.stageflow.testsupport.TopicWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

/** deal-service as its clients see it, against a real Kafka broker and MongoDB. */
@StageflowIntegrationTest
class DealApiIntegrationTests {

    @TestConfiguration
    static class MovableTime {
        @Bean
        MutableClock clock() {
            return MutableClock.startingNow();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    StaleDealCheck staleDealCheck;

    @Autowired
    CloudEventCodec codec;

    @Autowired
    MongoTemplate mongo;

    ApiClient api;
    String tenant;
    String token;

    @BeforeEach
    void newTenant() {
        api = new ApiClient("http://localhost:" + port);
        tenant = "tenant-" + UUID.randomUUID();
        token = TestTokens.bearer(tenant, "sam", "SALES");
    }

    @Test
    void newTenantHasTheDefaultSalesAndProjectPipelines() {
        JsonNode pipelines = api.get("/api/v1/pipelines", token).body().get("items");

        assertThat(pipelines.findValuesAsString("kind")).containsExactly("SALES", "PROJECT");
        assertThat(pipelines.get(0).get("stages").findValuesAsString("key"))
                .containsExactly(
                        "lead-generation",
                        "qualification",
                        "nurturing",
                        "proposal",
                        "negotiation",
                        "closing",
                        "won",
                        "lost");
        assertThat(pipelines.get(1).get("stages").findValuesAsString("key"))
                .containsExactly("initiation", "planning", "execution", "review", "done");
    }

    @Test
    void dealMovesThroughItsStagesAndEveryChangeLeavesAsAnEvent() {
        String dealId = createDeal("""
                {"title":"Acme – 50 seats","amount":{"value":"12500.50","currency":"EUR"},"ownerId":"sam"}""");

        var moved = post("/api/v1/deals/" + dealId + "/stage", "{\"stageKey\":\"proposal\"}", "\"0\"");
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.body().get("stageKey").asString()).isEqualTo("proposal");
        assertThat(moved.body().get("probability").asInt()).isEqualTo(50);
        assertThat(moved.body().get("weightedAmount").get("value").decimalValue())
                .isEqualByComparingTo("6250.25");
        assertThat(moved.etag()).isEqualTo("\"1\"");

        var won = post("/api/v1/deals/" + dealId + "/won", null, "\"1\"");
        assertThat(won.body().get("status").asString()).isEqualTo("WON");

        List<Received> events = eventsOf(dealId, 3);
        assertThat(events)
                .extracting(e -> e.header("ce_type"))
                .containsExactly("stageflow.deal.created", "stageflow.deal.stage-changed", "stageflow.deal.won");
        assertThat(events).extracting(e -> e.header("ce_sequence")).containsExactly("1", "2", "3");
        assertThat(events.get(1).body())
                .contains("\"fromStage\":\"lead-generation\"", "\"toStage\":\"proposal\"", "\"minorUnits\":1250050")
                .doesNotContain("Acme");
    }

    @Test
    void illegalMovesAnswerWithAProblemAndChangeNothing() {
        String dealId = createDeal("{\"title\":\"Globex\"}");

        assertProblem(post("/api/v1/deals/" + dealId + "/stage", "{\"stageKey\":\"nowhere\"}", null), 422, "stageKey");
        assertProblem(
                post("/api/v1/deals/" + dealId + "/stage", "{\"stageKey\":\"execution\"}", null), 422, "stageKey");
        assertProblem(post("/api/v1/deals/" + dealId + "/stage", "{\"stageKey\":\"won\"}", null), 422, "stageKey");
        assertProblem(post("/api/v1/deals/" + dealId + "/lost", "{\"reason\":\"bad vibes\"}", null), 422, "reason");
        assertProblem(post("/api/v1/deals/" + dealId + "/lost", "{}", null), 400, "reason");
        assertThat(post("/api/v1/deals/" + dealId + "/reopen", null, null).status())
                .isEqualTo(409);
        assertThat(post("/api/v1/deals/" + dealId + "/stage", "{\"stageKey\":\"proposal\"}", "\"7\"")
                        .status())
                .as("stale If-Match")
                .isEqualTo(412);

        assertThat(post("/api/v1/deals/" + dealId + "/lost", "{\"reason\":\"price\"}", null)
                        .status())
                .isEqualTo(200);
        var moveClosed = post("/api/v1/deals/" + dealId + "/stage", "{\"stageKey\":\"proposal\"}", null);
        assertThat(moveClosed.status()).isEqualTo(409);
        assertThat(moveClosed.contentType()).startsWith("application/problem+json");

        JsonNode deal = api.get("/api/v1/deals/" + dealId, token).body();
        assertThat(deal.get("status").asString()).isEqualTo("LOST");
        assertThat(deal.get("stageKey").asString()).isEqualTo("lost");
        assertThat(deal.get("version").asLong())
                .as("only the lost move changed it")
                .isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing title          | {"amount":{"value":"1","currency":"EUR"}}                    | 400 | title
            title too long         | {"title":"%s"}                                                | 400 | title
            negative amount        | {"title":"x","amount":{"value":"-1","currency":"EUR"}}        | 400 | amount.value
            too many decimals      | {"title":"x","amount":{"value":"1.005","currency":"EUR"}}     | 400 | amount.value
            unknown currency       | {"title":"x","amount":{"value":"1","currency":"EUX"}}         | 400 | amount.currency
            malformed amount       | {"title":"x","amount":{"value":"ten","currency":"EUR"}}       | 400 | amount.value
            probability over 100   | {"title":"x","probability":101}                               | 400 | probability
            unknown pipeline       | {"title":"x","pipelineId":"nope"}                             | 422 | pipelineId
            unknown stage          | {"title":"x","stageKey":"nowhere"}                            | 422 | stageKey
            unknown field          | {"title":"x","colour":"red"}                                  | 400 | colour
            null label             | {"title":"x","labels":[null]}                                 | 400 | labels
            """)
    void badDealIsRefusedNamingTheFieldAndNothingIsStored(String name, String body, int status, String field) {
        var response = api.post("/api/v1/deals", token, body.replace("%s", "x".repeat(201)));

        assertProblem(response, status, field);
        assertThat(api.get("/api/v1/deals", token).body().get("items")).isEmpty();
    }

    @Test
    void badPipelineIsRefusedNamingTheFields() {
        var duplicateKeys = api.post("/api/v1/pipelines", token, """
                {"name":"Projects","kind":"PROJECT","stages":[
                  {"key":"todo","name":"To do","probability":0,"type":"OPEN"},
                  {"key":"todo","name":"Doing","probability":50,"type":"OPEN"}]}""");
        assertProblem(duplicateKeys, 400, "stages[1].key");

        var noOpenStage = api.post("/api/v1/pipelines", token, """
                {"name":"Closed","kind":"PROJECT","stages":[{"key":"done","name":"Done","probability":100,"type":"WON"}]}""");
        assertProblem(noOpenStage, 400, "stages");

        var badProbability = api.post("/api/v1/pipelines", token, """
                {"name":"P","kind":"SALES","stages":[{"key":"a","name":"A","probability":140,"type":"OPEN"}]}""");
        assertProblem(badProbability, 400, "stages[0].probability");

        assertThat(api.get("/api/v1/pipelines", token).body().get("items"))
                .as("only the two defaults")
                .hasSize(2);
    }

    @Test
    void removingAStageMovesItsDealsToTheTargetEachAsAStageChange() {
        String pipelineId = salesPipelineId();
        String first = createDeal("{\"title\":\"One\",\"stageKey\":\"nurturing\"}");
        String second = createDeal("{\"title\":\"Two\",\"stageKey\":\"nurturing\"}");
        JsonNode pipeline = api.get("/api/v1/pipelines/" + pipelineId, token).body();
        String stagesWithoutNurturing = stagesWithout(pipeline, "nurturing");

        var refused = put("/api/v1/pipelines/" + pipelineId, """
                {"name":"Sales","stages":%s,"lostReasons":["price","competitor"]}""".formatted(stagesWithoutNurturing));
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(409);
        assertThat(refused.body().get("deals").asLong()).isEqualTo(2);

        var changed = put("/api/v1/pipelines/" + pipelineId, """
                {"name":"Sales","stages":%s,"lostReasons":["price","competitor"],"moveDealsTo":{"nurturing":"proposal"}}""".formatted(stagesWithoutNurturing));

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().get("stages").findValuesAsString("key")).doesNotContain("nurturing");
        assertThat(changed.body().get("revision").asLong()).isEqualTo(2);
        for (String dealId : List.of(first, second)) {
            assertThat(api.get("/api/v1/deals/" + dealId, token)
                            .body()
                            .get("stageKey")
                            .asString())
                    .isEqualTo("proposal");
            assertThat(eventsOf(dealId, 2).get(1).body())
                    .contains("\"fromStage\":\"nurturing\"", "\"toStage\":\"proposal\"");
        }
        List<Received> definitions = TopicReader.read(
                "deal-events",
                records ->
                        records.stream().filter(r -> pipelineId.equals(r.key())).count() >= 2,
                Duration.ofSeconds(15));
        assertThat(definitions.stream().filter(r -> pipelineId.equals(r.key())))
                .extracting(r -> r.header("ce_type"))
                .containsOnly("stageflow.pipeline.defined")
                .hasSize(2);
        assertThat(mongo.getCollection("pipelines")
                        .find(new org.bson.Document("_id", pipelineId))
                        .first()
                        .get("relocationPending"))
                .as("the moves are finished and forgotten")
                .isNull();
    }

    @Test
    void boardShowsEveryStageInOrderWithCountsAndExactWeightedTotalsPerCurrency() {
        String pipelineId = salesPipelineId();
        createDeal(
                "{\"title\":\"A\",\"stageKey\":\"proposal\",\"amount\":{\"value\":\"1000.00\",\"currency\":\"EUR\"}}");
        createDeal(
                "{\"title\":\"B\",\"stageKey\":\"proposal\",\"amount\":{\"value\":\"0.03\",\"currency\":\"EUR\"},\"probability\":50}");
        createDeal("{\"title\":\"C\",\"stageKey\":\"proposal\",\"amount\":{\"value\":\"500\",\"currency\":\"JPY\"}}");
        createDeal("{\"title\":\"D\",\"stageKey\":\"proposal\"}");
        createDeal("{\"title\":\"E\",\"amount\":{\"value\":\"10\",\"currency\":\"USD\"}}");

        JsonNode board = api.get("/api/v1/pipelines/" + pipelineId + "/board?limit=3", token)
                .body();

        assertThat(board.get("stages").findValuesAsString("key"))
                .hasSize(8)
                .startsWith("lead-generation", "qualification");
        JsonNode proposal = board.get("stages").get(3);
        assertThat(proposal.get("key").asString()).isEqualTo("proposal");
        assertThat(proposal.get("count").asLong()).isEqualTo(4);
        assertThat(proposal.get("deals")).hasSize(3);
        assertThat(proposal.get("nextCursor").isNull()).isFalse();
        JsonNode eur = proposal.get("totals").get(0);
        assertThat(eur.get("currency").asString()).isEqualTo("EUR");
        assertThat(eur.get("value").decimalValue()).isEqualByComparingTo("1000.03");
        // 1000.00 × 50 % + 0.03 × 50 % = 500.015 → 500.02 (half-even of the exact sum, not of each deal)
        assertThat(eur.get("weightedValue").decimalValue()).isEqualByComparingTo("500.02");
        JsonNode jpy = proposal.get("totals").get(1);
        assertThat(jpy.get("value").decimalValue()).isEqualByComparingTo("500");
        assertThat(jpy.get("weightedValue").decimalValue()).isEqualByComparingTo("250");

        JsonNode rest = api.get(
                        "/api/v1/deals?pipelineId=" + pipelineId + "&stageKey=proposal&cursor="
                                + proposal.get("nextCursor").asString(),
                        token)
                .body();
        assertThat(rest.get("items")).hasSize(1);
        assertThat(board.get("stages")
                        .get(0)
                        .get("totals")
                        .get(0)
                        .get("weightedValue")
                        .decimalValue())
                .isEqualByComparingTo("1.00");
    }

    @Test
    void boardFollowsMovesMadeHereAtOnceAndMovesMadeByAnotherInstanceThroughTheirEvents() {
        String pipelineId = salesPipelineId();
        String here = createDeal("{\"title\":\"Moved here\"}");
        String elsewhere = createDeal("{\"title\":\"Moved elsewhere\"}");
        assertThat(cardsIn(pipelineId, 0)).containsExactlyInAnyOrder(here, elsewhere); // loads the board index

        assertThat(post("/api/v1/deals/" + here + "/stage", "{\"stageKey\":\"closing\"}", null)
                        .status())
                .isEqualTo(200);
        assertThat(cardsIn(pipelineId, 5)).as("read your own move").containsExactly(here);

        // another instance moves the other deal: its store write and its event, nothing through this instance
        Instant movedAt = clock.instant();
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(elsewhere)),
                new org.springframework.data.mongodb.core.query.Update()
                        .set("stageKey", "proposal")
                        .set("stageEnteredAt", movedAt)
                        .inc("version", 1)
                        .inc("sequence", 1),
                Deal.class);
        var moved = new io.stageflow.events.deal.StageChanged(
                elsewhere, pipelineId, "lead-generation", "proposal", 0, null, 50, true, movedAt);
        var record = codec.toRecord(codec.toOutboxEntry(tenant, elsewhere, 2, moved));
        try (var writer = new TopicWriter()) {
            writer.send(new ProducerRecord<>("deal-events", null, elsewhere, record.value(), record.headers()));
        }

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(cardsIn(pipelineId, 3)).containsExactly(elsewhere));
        assertThat(cardsIn(pipelineId, 0)).isEmpty();
    }

    private List<String> cardsIn(String pipelineId, int stageIndex) {
        JsonNode stage = api.get("/api/v1/pipelines/" + pipelineId + "/board", token)
                .body()
                .get("stages")
                .get(stageIndex);
        List<String> ids = new java.util.ArrayList<>();
        stage.get("deals").forEach(card -> ids.add(card.get("id").asString()));
        assertThat(stage.get("count").asLong()).isEqualTo(ids.size());
        return ids;
    }

    @Test
    void staleDealsAreListedAndTheDailyCheckPublishesTheFlag() {
        String fresh = createDeal("{\"title\":\"Fresh\"}");
        String idle = createDeal("{\"title\":\"Idle\"}");
        var activity = api.post("/api/v1/deals/" + fresh + "/activities", token, """
                {"type":"CALL","subject":"Intro call","dueAt":"%s"}""".formatted(
                        clock.instant().plus(Duration.ofDays(2))));
        assertThat(activity.status()).isEqualTo(201);

        assertThat(dealIds("stale=true")).containsExactly(idle);
        assertThat(dealIds("overdue=true")).isEmpty();

        clock.advance(Duration.ofDays(3));
        assertThat(dealIds("overdue=true")).containsExactly(fresh);
        clock.advance(Duration.ofDays(12));
        assertThat(dealIds("stale=true"))
                .as("lead generation rots after 14 days")
                .containsExactlyInAnyOrder(fresh, idle);

        staleDealCheck.run();

        Received staleFlag = eventsOf(fresh, 3).get(2);
        assertThat(staleFlag.header("ce_type")).isEqualTo("stageflow.deal.updated");
        assertThat(staleFlag.body()).contains("\"changedFields\":[\"stale\"]", "\"stale\":true");
        assertThat(api.get("/api/v1/deals/" + fresh, token).body().get("stale").asBoolean())
                .isTrue();
    }

    @Test
    void convertedLeadBecomesExactlyOneDealEvenWhenTheEventArrivesTwice() throws Exception {
        String leadId = UUID.randomUUID().toString();
        String dealId = UUID.randomUUID().toString();
        var converted = new LeadConverted(
                leadId,
                dealId,
                null,
                "Initech – renewal",
                new Money(990_000, "EUR"),
                "kim",
                Instant.parse("2026-03-09T11:30:00Z"));
        var record = codec.toRecord(codec.toOutboxEntry(tenant, leadId, 5, converted));
        try (var writer = new TopicWriter()) {
            writer.send(new ProducerRecord<>("lead-events", null, leadId, record.value(), record.headers()));
            writer.send(new ProducerRecord<>("lead-events", null, leadId, record.value(), record.headers()));
        }

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                api.get("/api/v1/deals/" + dealId, token).status())
                        .isEqualTo(200));
        JsonNode deal = api.get("/api/v1/deals/" + dealId, token).body();
        assertThat(deal.get("leadId").asString()).isEqualTo(leadId);
        assertThat(deal.get("stageKey").asString()).isEqualTo("lead-generation");
        assertThat(deal.get("pipelineId").asString()).isEqualTo(salesPipelineId());
        assertThat(deal.get("amount").get("value").decimalValue()).isEqualByComparingTo("9900.00");

        // the second delivery has been consumed too once a later record of the same partition is
        var marker = new LeadConverted(leadId, UUID.randomUUID().toString(), null, null, null, null, Instant.now());
        var markerRecord = codec.toRecord(codec.toOutboxEntry(tenant, leadId, 6, marker));
        try (var writer = new TopicWriter()) {
            writer.send(
                    new ProducerRecord<>("lead-events", null, leadId, markerRecord.value(), markerRecord.headers()));
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(api.get("/api/v1/deals/" + marker.dealId(), token)
                                .status())
                        .isEqualTo(200));
        assertThat(mongo.count(
                        Query.query(Criteria.where("leadId")
                                .is(leadId)
                                .and("tenantId")
                                .is(tenant)),
                        Deal.class))
                .as("one deal per conversion, the duplicate opened nothing")
                .isEqualTo(2);
        assertThat(eventsOf(dealId, 1)).hasSize(1);
    }

    @Test
    void anotherTenantsDealLooksLikeItDoesNotExist() {
        String dealId = createDeal("{\"title\":\"Secret\"}");
        String intruder = TestTokens.bearer("tenant-" + UUID.randomUUID(), "eve", "SALES");

        assertThat(api.get("/api/v1/deals/" + dealId, intruder).status()).isEqualTo(404);
        assertThat(api.send(
                                "/api/v1/deals/" + dealId + "/stage",
                                intruder,
                                "POST",
                                "application/json",
                                "{\"stageKey\":\"proposal\"}",
                                Map.of())
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/pipelines/" + salesPipelineId() + "/board", intruder)
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/deals/" + dealId, TestTokens.forgedBearer(tenant))
                        .status())
                .isEqualTo(401);
    }

    private String createDeal(String body) {
        var response = api.post("/api/v1/deals", token, body);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
        return response.body().get("id").asString();
    }

    private String salesPipelineId() {
        return api.get("/api/v1/pipelines", token)
                .body()
                .get("items")
                .get(0)
                .get("id")
                .asString();
    }

    private List<String> dealIds(String query) {
        List<String> ids = new java.util.ArrayList<>();
        api.get("/api/v1/deals?" + query, token)
                .body()
                .get("items")
                .forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    private ApiClient.Response post(String path, String body, String ifMatch) {
        return api.send(
                path,
                token,
                "POST",
                body == null ? null : "application/json",
                body,
                ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
    }

    private ApiClient.Response put(String path, String body) {
        return api.send(path, token, "PUT", "application/json", body, Map.of());
    }

    private static String stagesWithout(JsonNode pipeline, String key) {
        var stages = new StringBuilder("[");
        for (JsonNode stage : pipeline.get("stages")) {
            if (!stage.get("key").asString().equals(key)) {
                stages.append(stages.length() > 1 ? "," : "").append(stage.toString());
            }
        }
        return stages.append("]").toString().replace(",\"rottingDays\":null", "");
    }

    private static void assertProblem(ApiClient.Response response, int status, String field) {
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("errors").findValuesAsString("field")).contains(field);
        assertThat(response.body().toString()).doesNotContain("Exception", "at io.stageflow");
    }

    @Test
    void theTraceOfTheRequestThatChangedADealTravelsWithItsEvent() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        var created = api.send(
                "/api/v1/deals",
                token,
                "POST",
                "application/json",
                "{\"title\":\"Traced\"}",
                Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
        assertThat(created.status()).isEqualTo(201);

        Received event = eventsOf(created.body().get("id").asString(), 1).getFirst();

        assertThat(event.header("traceparent"))
                .as("the outbox keeps the request's trace context and the relay publishes it")
                .startsWith("00-" + traceId + "-")
                .doesNotEndWith("-00f067aa0ba902b7-01");
    }

    private List<Received> eventsOf(String key, int atLeast) {
        List<Received> all = TopicReader.read(
                "deal-events",
                records -> records.stream().filter(r -> key.equals(r.key())).count() >= atLeast,
                Duration.ofSeconds(15));
        return all.stream().filter(r -> key.equals(r.key())).toList();
    }
}
