package io.stageflow.analytics.leadfunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stageflow.events.lead.LeadCreated;
import io.stageflow.events.lead.LeadQualified;
import io.stageflow.platform.messaging.CloudEventCodec;
import io.stageflow.testsupport.ApiClient;
import io.stageflow.testsupport.StageflowIntegrationTest;
import io.stageflow.testsupport.TestTokens;
import io.stageflow.testsupport.TopicReader;
import io.stageflow.testsupport.TopicWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
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
        assertThat(funnel.get("bySource").toString())
                .isEqualTo("[{\"source\":\"web\",\"created\":2},{\"source\":\"ads\",\"created\":1}]");
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

    private JsonNode funnel(String query) {
        var response = api.get("/api/v1/analytics/lead-funnel" + query, token);
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private LeadFunnelEntry entry(String leadId) {
        return mongo.findById(LeadFunnelEntry.idOf(tenant, leadId), LeadFunnelEntry.class);
    }

    private static LeadCreated created(String leadId, String source, Instant at) {
        return new LeadCreated(leadId, source, null, "NEW", null, at);
    }
}
