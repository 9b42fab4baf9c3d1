package io.stageflow.lead.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stageflow.events.intake.LeadCaptured;
import io.stageflow.platform.messaging.CloudEventCodec;
import io.stageflow.testsupport.ApiClient;
import io.stageflow.testsupport.StageflowIntegrationTest;
import io.stageflow.testsupport.TestTokens;
import io.stageflow.testsupport.TopicReader;
import io.stageflow.testsupport.TopicReader.Received;
import io.stageflow.testsupport.TopicWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Marketing automation's two doors, HTTP and the lead-intake topic, with the same meaning. */
@StageflowIntegrationTest
class IntakeIntegrationTests {

    static final Instant MARCH = Instant.parse("2026-03-01T10:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    CloudEventCodec codec;

    ApiClient api;
    String tenant;
    String token;
    /** A salesperson reads what the machine sent: the intake role reaches the intake endpoint only. */
    String reader;

    @BeforeEach
    void setUp() {
        api = new ApiClient("http://localhost:" + port);
        tenant = "tenant-" + UUID.randomUUID();
        token = TestTokens.bearer(tenant, "hubspot-sync", "INTAKE");
        reader = TestTokens.bearer(tenant, "sam", "SALES");
    }

    @Test
    void httpBatchAnswersEachItemAndABadItemNeverSpoilsTheRest() {
        String batch = "["
                + item("crm-1", "lena@example.de", "Schmidt GmbH", "2026-03-01T10:00:00Z") + ","
                + item("crm-1", "lena@example.de", "Schmidt GmbH", "2026-03-01T10:00:00Z") + ","
                + item("crm-1", "LENA@example.de", "Schmidt Maschinenbau GmbH", "2026-03-02T10:00:00Z") + ","
                + item("crm-2", "not-an-email", "Nope", "2026-03-01T10:00:00Z") + ","
                + "{\"externalId\":\"crm-3\",\"email\":\"x@example.com\",\"shoeSize\":44},"
                + "{\"externalId\":\"crm-4\",\"email\":\"y@example.com\",\"activities\":[{\"type\":\"telepathy\",\"at\":\"2026-03-01T10:00:00Z\"}]},"
                + item("crm-5", "max@example.at", "Huber KG", "2026-03-01T11:00:00Z")
                + "]";

        JsonNode answer = api.post("/api/v1/intake/leads", token, batch).body();

        assertThat(answer.get("results").findValuesAsString("outcome"))
                .containsExactly("CREATED", "UNCHANGED", "MERGED", "REJECTED", "REJECTED", "REJECTED", "CREATED");
        assertThat(answer.get("results").get(3).get("errors").findValuesAsString("field"))
                .containsExactly("email");
        assertThat(answer.get("results").get(4).get("errors").findValuesAsString("field"))
                .containsExactly("shoeSize");
        assertThat(answer.get("results").get(5).get("errors").findValuesAsString("field"))
                .containsExactly("activities[0].type");
        assertThat(answer.at("/totals/CREATED").asInt()).isEqualTo(2);
        String lena = answer.get("results").get(0).get("leadId").asString();
        assertThat(api.get("/api/v1/leads/" + lena, reader)
                        .body()
                        .get("company")
                        .asString())
                .isEqualTo("Schmidt Maschinenbau GmbH");
        assertThat(leadEmails()).containsExactlyInAnyOrder("lena@example.de", "max@example.at");

        JsonNode again = api.post("/api/v1/intake/leads", token, batch).body();
        assertThat(again.get("results").findValuesAsString("outcome"))
                .containsExactly(
                        "UNCHANGED", "UNCHANGED", "UNCHANGED", "REJECTED", "REJECTED", "REJECTED", "UNCHANGED");
        assertThat(leadEmails()).hasSize(2);
    }

    @Test
    void httpIntakeRefusesEmptyAndOversizedBatchesAsAWhole() {
        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i <= 1_000; i++) {
            tooMany.append(i == 0 ? "" : ",")
                    .append(item("bulk-" + i, "bulk" + i + "@example.com", "Bulk", "2026-03-01T10:00:00Z"));
        }
        tooMany.append("]");

        assertThat(api.post("/api/v1/intake/leads", token, "[]").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/intake/leads", token, tooMany.toString()).status())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/intake/leads", token, "\"lead\"").status()).isEqualTo(400);
        assertThat(leadEmails()).isEmpty();
    }

    @Test
    void topicIntakeCreatesEachLeadOnceAndSendsWhatItCannotTakeToTheDeadLetterTopicWithTheReason() {
        String run = UUID.randomUUID().toString();
        var valid = record("ext-a-" + run, captured("ext-a-" + run, "anna." + run + "@example.com"));
        var invalidEmail = record("ext-b-" + run, captured("ext-b-" + run, "anna-at-example"));
        var malformed = new ProducerRecord<>(
                "lead-intake", null, "ext-c-" + run, "{not json".getBytes(StandardCharsets.UTF_8), valid.headers());
        var futureVersion = new ProducerRecord<>("lead-intake", null, "ext-d-" + run, valid.value(), valid.headers());
        futureVersion.headers().remove("ce_type");
        futureVersion
                .headers()
                .add(new RecordHeader("ce_type", "stageflow.lead.captured.v2".getBytes(StandardCharsets.UTF_8)));
        var later = record("ext-e-" + run, captured("ext-e-" + run, "bert." + run + "@example.com"));

        try (var topic = new TopicWriter()) {
            topic.send(valid);
            topic.send(valid); // redelivered: same event id
            topic.send(invalidEmail);
            topic.send(malformed);
            topic.send(futureVersion);
            topic.send(later);
        }

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(leadEmails())
                        .containsExactlyInAnyOrder("anna." + run + "@example.com", "bert." + run + "@example.com"));
        List<Received> deadLetters = TopicReader.read(
                        "lead-intake.dlq",
                        read -> read.stream().filter(r -> r.key().endsWith(run)).count() >= 3,
                        Duration.ofSeconds(30))
                .stream()
                .filter(r -> r.key().endsWith(run))
                .toList();
        assertThat(deadLetters)
                .extracting(Received::key)
                .containsExactlyInAnyOrder("ext-b-" + run, "ext-c-" + run, "ext-d-" + run);
        assertThat(deadLetters)
                .filteredOn(r -> r.key().equals("ext-b-" + run))
                .singleElement()
                .satisfies(r -> assertThat(r.header("x-exception-message")).contains("email"));
        assertThat(deadLetters)
                .filteredOn(r -> r.key().equals("ext-d-" + run))
                .singleElement()
                .satisfies(r -> assertThat(r.header("x-exception-message")).contains("unknown event type"));
        assertThat(api.get("/api/v1/leads?q=anna." + run, reader).body().get("items"))
                .hasSize(1);
    }

    @Test
    void theIntakeRoleReachesTheIntakeOnlyEvenWhenItCallsTheServiceDirectly() {
        var refused = api.get("/api/v1/leads", token);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
    }

    private List<String> leadEmails() {
        return api.get("/api/v1/leads?limit=200", reader).body().get("items").findValuesAsString("email");
    }

    private ProducerRecord<String, byte[]> record(String key, LeadCaptured captured) {
        var record = codec.toRecord(codec.toOutboxEntry(tenant, key, 1, captured));
        return new ProducerRecord<>("lead-intake", null, key, record.value(), record.headers());
    }

    private static LeadCaptured captured(String externalId, String email) {
        return new LeadCaptured(
                externalId,
                email,
                "Anna",
                "Berg",
                "Berg AG",
                "Head of Sales",
                null,
                "software",
                300,
                "DE",
                "event",
                "webinar",
                null,
                new LeadCaptured.Consent(true, MARCH, "webinar"),
                List.of(new LeadCaptured.Activity("form-submission", MARCH, 1)),
                null,
                List.of("webinar"),
                Map.of(),
                MARCH);
    }

    private static String item(String externalId, String email, String company, String capturedAt) {
        return "{\"externalId\":\"" + externalId + "\",\"email\":\"" + email + "\",\"company\":\"" + company
                + "\",\"capturedAt\":\"" + capturedAt + "\",\"activities\":[{\"type\":\"page-visit\",\"at\":\""
                + capturedAt + "\"}]}";
    }
}
