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
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
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
