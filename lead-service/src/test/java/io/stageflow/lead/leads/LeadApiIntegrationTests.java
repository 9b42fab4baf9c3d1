package io.stageflow.lead.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stageflow.testsupport.ApiClient;
import io.stageflow.testsupport.StageflowIntegrationTest;
import io.stageflow.testsupport.TestTokens;
import io.stageflow.testsupport.TopicReader;
import io.stageflow.testsupport.TopicReader.Received;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/** lead-service as its clients see it, against a real Kafka broker and MongoDB. */
@StageflowIntegrationTest
class LeadApiIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Leads leads;

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
    void createdLeadIsStoredAndItsLeadCreatedEventLeavesThroughTheOutbox() {
        var response = api.post("/api/v1/leads", token, """
                {"email":"Ada@Example.com","firstName":"Ada","lastName":"Lovelace","company":"Engines Ltd","source":"web"}
                """);

        assertThat(response.status()).isEqualTo(201);
        String id = response.body().get("id").asString();
        assertThat(response.location()).isEqualTo("/api/v1/leads/" + id);
        assertThat(response.body().get("email").asString()).isEqualTo("ada@example.com");
        assertThat(response.body().get("status").asString()).isEqualTo("NEW");

        JsonNode fetched = api.get("/api/v1/leads/" + id, token).body();
        assertThat(fetched.get("company").asString()).isEqualTo("Engines Ltd");
        assertThat(Instant.parse(fetched.get("createdAt").asString()))
                .isEqualTo(Instant.parse(response.body().get("createdAt").asString()));

        List<Received> events = eventsOf(id, 1);
        assertThat(events).hasSize(1);
        Received created = events.getFirst();
        assertThat(created.key()).isEqualTo(id);
        assertThat(created.header("ce_type")).isEqualTo("stageflow.lead.created");
        assertThat(created.header("ce_tenantid")).isEqualTo(tenant);
        assertThat(created.header("ce_sequence")).isEqualTo("1");
        assertThat(created.body()).contains("\"source\":\"web\"").doesNotContain("ada@example.com", "Lovelace");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(leads.findById(id).orElseThrow().outbox())
                        .as("outbox drained after the broker acknowledged")
                        .isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            malformed JSON              | {"email":"x@example.com"                    | $
            missing email               | {"firstName":"Ada"}                         | email
            invalid email               | {"email":"not-an-email"}                    | email
            unknown field               | {"email":"x@example.com","favourite":1}     | favourite
            source not a key            | {"email":"x@example.com","source":"Web Form!"} | source
            """)
    void badInputAnswers400NamingTheFieldAndChangesNothing(String caseName, String body, String field) {
        var response = api.post("/api/v1/leads", token, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("type").asString()).isEqualTo("https://stageflow.io/problems/invalid-request");
        assertThat(response.body().get("errors").findValuesAsString("field")).contains(field);
        assertThat(response.body().toString()).doesNotContain("Exception", "at io.stageflow");
        assertThat(api.get("/api/v1/leads", token).body().get("items")).isEmpty();

        // a valid lead afterwards is the only event this tenant ever published
        String id = api.post("/api/v1/leads", token, "{\"email\":\"valid@example.com\"}")
                .body()
                .get("id")
                .asString();
        List<Received> tenantEvents = TopicReader.read(
                        "lead-events", read -> read.stream().anyMatch(r -> id.equals(r.key())), Duration.ofSeconds(30))
                .stream()
                .filter(r -> tenant.equals(r.header("ce_tenantid")))
                .toList();
        assertThat(tenantEvents).extracting(Received::key).containsExactly(id);
    }

    @Test
    void secondLeadWithTheSameEmailAnswers409NamingTheExistingLead() {
        String first = api.post("/api/v1/leads", token, "{\"email\":\"grace@example.com\"}")
                .body()
                .get("id")
                .asString();

        var duplicate = api.post("/api/v1/leads", token, "{\"email\":\"GRACE@example.com\",\"firstName\":\"Grace\"}");

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body().get("existingLeadId").asString()).isEqualTo(first);
        assertThat(api.get("/api/v1/leads", token).body().get("items")).hasSize(1);
    }

    @Test
    void sameEmailInAnotherTenantIsAnotherLead() {
        api.post("/api/v1/leads", token, "{\"email\":\"shared@example.com\"}");
        String otherTenant = TestTokens.bearer("other-" + UUID.randomUUID(), "olga", "SALES");

        assertThat(api.post("/api/v1/leads", otherTenant, "{\"email\":\"shared@example.com\"}")
                        .status())
                .isEqualTo(201);
    }

    @Test
    void anotherTenantsLeadDoesNotExistForYou() {
        String id = api.post("/api/v1/leads", token, "{\"email\":\"private@example.com\"}")
                .body()
                .get("id")
                .asString();
        String intruder = TestTokens.bearer("intruder-" + UUID.randomUUID(), "mallory", "ADMIN");

        assertThat(api.get("/api/v1/leads/" + id, intruder).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/leads", intruder).body().get("items")).isEmpty();
    }

    @Test
    void requestsWithoutAVerifiedTokenAre401AndStoreNothing() {
        String forged = TestTokens.forgedBearer(tenant);
        String expired = "Bearer "
                + TestTokens.token(
                        TestTokens.SECRET,
                        TestTokens.ISSUER,
                        TestTokens.AUDIENCE,
                        tenant,
                        "eve",
                        Instant.now().minusSeconds(600),
                        "ADMIN");

        assertThat(api.post("/api/v1/leads", null, "{\"email\":\"a@example.com\"}")
                        .status())
                .isEqualTo(401);
        assertThat(api.post("/api/v1/leads", forged, "{\"email\":\"a@example.com\"}")
                        .status())
                .isEqualTo(401);
        assertThat(api.post("/api/v1/leads", expired, "{\"email\":\"a@example.com\"}")
                        .status())
                .isEqualTo(401);
        assertThat(api.get("/api/v1/leads", token).body().get("items")).isEmpty();
    }

    @Test
    void listPagesWithACursorInCreationOrder() {
        for (int i = 0; i < 5; i++) {
            api.post("/api/v1/leads", token, "{\"email\":\"page" + i + "@example.com\"}");
        }

        JsonNode first = api.get("/api/v1/leads?limit=3", token).body();
        JsonNode second = api.get(
                        "/api/v1/leads?limit=3&cursor="
                                + first.get("nextCursor").asString(),
                        token)
                .body();

        assertThat(first.get("items").findValuesAsString("email"))
                .containsExactly("page0@example.com", "page1@example.com", "page2@example.com");
        assertThat(second.get("items").findValuesAsString("email"))
                .containsExactly("page3@example.com", "page4@example.com");
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void leadMovesThroughItsLifecycleAndEachStepIsAnEventInOrder() {
        String id = create("{\"email\":\"life@example.com\",\"company\":\"Acme\"}");

        var contacted = api.send(
                "/api/v1/leads/" + id,
                token,
                "PATCH",
                "application/json",
                "{\"status\":\"CONTACTED\",\"jobTitle\":\"Buyer\"}",
                Map.of("If-Match", "\"0\""));
        assertThat(contacted.status()).isEqualTo(200);
        assertThat(contacted.etag()).isEqualTo("\"1\"");
        assertThat(api.post("/api/v1/leads/" + id + "/qualify", token, "").status())
                .isEqualTo(200);
        var converted = api.post(
                "/api/v1/leads/" + id + "/convert",
                token,
                "{\"pipelineId\":\"sales\",\"title\":\"Acme – 50 seats\",\"amount\":{\"value\":\"12500.50\",\"currency\":\"EUR\"}}");

        assertThat(converted.status()).isEqualTo(202);
        String dealId = converted.body().get("dealId").asString();
        assertThat(api.get("/api/v1/leads/" + id, token).body().get("status").asString())
                .isEqualTo("CONVERTED");
        List<Received> events = eventsOf(id, 4);
        assertThat(events)
                .extracting(r -> r.header("ce_type"))
                .containsExactly(
                        "stageflow.lead.created",
                        "stageflow.lead.updated",
                        "stageflow.lead.qualified",
                        "stageflow.lead.converted");
        assertThat(events).extracting(r -> r.header("ce_sequence")).containsExactly("1", "2", "3", "4");
        assertThat(events.getLast().body())
                .contains("\"dealId\":\"" + dealId + "\"", "\"minorUnits\":1250050", "\"currency\":\"EUR\"");
    }

    @Test
    void illegalTransitionsAnswer409AndStaleVersionsAnswer412AndChangeNothing() {
        String id = create("{\"email\":\"strict@example.com\"}");

        var convertNew = api.post("/api/v1/leads/" + id + "/convert", token, "{}");
        var backwards =
                api.send("/api/v1/leads/" + id, token, "PATCH", "application/json", "{\"status\":\"SQL\"}", Map.of());
        var stale = api.send(
                "/api/v1/leads/" + id,
                token,
                "PATCH",
                "application/json",
                "{\"company\":\"X\"}",
                Map.of("If-Match", "\"7\""));
        var noReason = api.post("/api/v1/leads/" + id + "/disqualify", token, "{}");
        var badEnum =
                api.send("/api/v1/leads/" + id, token, "PATCH", "application/json", "{\"status\":\"HOT\"}", Map.of());

        assertThat(convertNew.status()).isEqualTo(409);
        assertThat(convertNew.body().get("type").asString()).endsWith("/illegal-transition");
        assertThat(backwards.status()).isEqualTo(409);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.body().get("currentVersion").asLong()).isZero();
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body().get("errors").findValuesAsString("field")).contains("reason");
        assertThat(badEnum.status()).isEqualTo(400);
        assertThat(badEnum.body().get("errors").findValuesAsString("field")).contains("status");
        var lead = api.get("/api/v1/leads/" + id, token);
        assertThat(lead.etag()).isEqualTo("\"0\"");
        assertThat(lead.body().get("company").isNull()).isTrue();
    }

    @Test
    void erasureLeavesNoPersonalFieldInAnyCollectionOfTheService(@Autowired MongoTemplate mongo) {
        var created = api.send(
                "/api/v1/leads",
                token,
                "POST",
                "application/json",
                "{\"email\":\"erase.me@example.com\",\"firstName\":\"Eraseme\",\"lastName\":\"Forgotten\","
                        + "\"phone\":\"+49 111 222333\",\"company\":\"Secretive GmbH\",\"source\":\"web\","
                        + "\"consent\":{\"marketing\":true,\"source\":\"form\"},\"attributes\":{\"note\":\"likes jazz\"}}",
                Map.of("Idempotency-Key", "erase-" + UUID.randomUUID()));
        String id = created.body().get("id").asString();
        api.send(
                "/api/v1/leads/" + id,
                token,
                "PATCH",
                "application/json",
                "{\"jobTitle\":\"Chief Secret Officer\"}",
                Map.of());

        assertThat(api.delete("/api/v1/leads/" + id, token).status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/leads/" + id, token).status())
                .as("erasing again is harmless")
                .isEqualTo(204);

        for (String collection : mongo.getCollectionNames()) {
            for (var document : mongo.findAll(org.bson.Document.class, collection)) {
                assertThat(document.toJson())
                        .as("collection %s", collection)
                        .doesNotContain(
                                "erase.me@example.com",
                                "Eraseme",
                                "Forgotten",
                                "111 222333",
                                "Secretive",
                                "likes jazz",
                                "Chief Secret");
            }
        }
        var erased = api.get("/api/v1/leads/" + id, token).body();
        assertThat(erased.get("source").asString()).isEqualTo("web");
        assertThat(erased.get("erasedAt").isNull()).isFalse();
        assertThat(eventsOf(id, 3).getLast().header("ce_type")).isEqualTo("stageflow.lead.erased");
        assertThat(create("{\"email\":\"erase.me@example.com\"}"))
                .as("the person may come back as a new lead")
                .isNotEqualTo(id);
    }

    @Test
    void exportShowsEverythingStoredAboutThePersonIncludingConsentHistory() {
        String id = create(
                "{\"email\":\"access@example.com\",\"consent\":{\"marketing\":true,\"at\":\"2026-01-01T00:00:00Z\",\"source\":\"form\"}}");
        api.send(
                "/api/v1/leads/" + id,
                token,
                "PATCH",
                "application/json",
                "{\"consent\":{\"marketing\":false,\"at\":\"2026-02-01T00:00:00Z\",\"source\":\"unsubscribe\"}}",
                Map.of());

        JsonNode export = api.get("/api/v1/leads/" + id + "/export", token).body();

        assertThat(export.at("/lead/email").asString()).isEqualTo("access@example.com");
        assertThat(export.get("consentHistory").findValuesAsString("source")).containsExactly("form", "unsubscribe");
        assertThat(export.at("/lead/consent/marketing").asBoolean()).isFalse();
    }

    @Test
    void idempotencyKeyReplaysTheFirstAnswerAndRefusesADifferentRequest() {
        String key = "create-" + UUID.randomUUID();
        var first = postWithKey(key, "{\"email\":\"once@example.com\"}");
        var retry = postWithKey(key, "{\"email\":\"once@example.com\"}");
        var different = postWithKey(key, "{\"email\":\"other@example.com\"}");

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.location()).isEqualTo(first.location());
        assertThat(retry.headers()).containsEntry("Idempotent-Replayed", "true");
        assertThat(different.status()).isEqualTo(422);
        assertThat(api.get("/api/v1/leads", token).body().get("items")).hasSize(1);
    }

    @Test
    void searchFiltersByStatusSourceScoreAndTextAndSortsByScoreWithACursor() {
        create(
                "{\"email\":\"lena@code.de\",\"firstName\":\"Lena\",\"company\":\"Code GmbH\",\"jobTitle\":\"Head of IT\","
                        + "\"industry\":\"software\",\"companySize\":400,\"country\":\"DE\",\"source\":\"event\"}");
        create(
                "{\"email\":\"bob@small.io\",\"firstName\":\"Bob\",\"company\":\"Small\",\"companySize\":5,\"source\":\"web\"}");
        create(
                "{\"email\":\"carla@mid.com\",\"firstName\":\"Carla\",\"company\":\"Midsize Code\",\"companySize\":100,\"source\":\"web\"}");

        assertThat(emails("?status=MQL")).containsExactly("lena@code.de");
        assertThat(emails("?source=web")).containsExactly("bob@small.io", "carla@mid.com");
        assertThat(emails("?q=code")).containsExactly("lena@code.de", "carla@mid.com");
        assertThat(emails("?minScore=10&maxScore=20")).containsExactly("carla@mid.com");
        JsonNode first = api.get("/api/v1/leads?sort=-score&limit=2", token).body();
        assertThat(first.get("items").findValuesAsString("email")).containsExactly("lena@code.de", "carla@mid.com");
        assertThat(emails(
                        "?sort=-score&limit=2&cursor=" + first.get("nextCursor").asString()))
                .containsExactly("bob@small.io");
        assertThat(api.get("/api/v1/leads?sort=shoeSize", token).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/leads?cursor=garbage", token).status()).isEqualTo(400);
    }

    @Test
    void bodiesOverOneMegabyteAnswer413AndCreateNothing() {
        String huge = "{\"email\":\"big@example.com\",\"company\":\"" + "x".repeat(1_100_000) + "\"}";

        var response = api.post("/api/v1/leads", token, huge);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/leads", token).body().get("items")).isEmpty();
    }

    private ApiClient.Response postWithKey(String idempotencyKey, String body) {
        return api.send(
                "/api/v1/leads", token, "POST", "application/json", body, Map.of("Idempotency-Key", idempotencyKey));
    }

    private List<String> emails(String query) {
        return api.get("/api/v1/leads" + query, token).body().get("items").findValuesAsString("email");
    }

    private String create(String body) {
        var response = api.post("/api/v1/leads", token, body);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
        return response.body().get("id").asString();
    }

    private static List<Received> eventsOf(String leadId, int expected) {
        return TopicReader.read(
                        "lead-events",
                        read -> read.stream()
                                        .filter(r -> leadId.equals(r.key()))
                                        .count()
                                >= expected,
                        Duration.ofSeconds(30))
                .stream()
                .filter(r -> leadId.equals(r.key()))
                .toList();
    }
}
