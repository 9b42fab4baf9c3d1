package io.stageflow.lead.leads;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stageflow.platform.messaging.CloudEventCodec;
import io.stageflow.platform.outbox.OutboxProperties;
import io.stageflow.platform.outbox.OutboxRelay;
import io.stageflow.testsupport.ApiClient;
import io.stageflow.testsupport.MutableClock;
import io.stageflow.testsupport.StageflowIntegrationTest;
import io.stageflow.testsupport.TestTokens;
import io.stageflow.testsupport.TopicReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The outbox relay's sweep, which publishes what no save of the instance announced (a crash, another instance): it
 * finds aggregates by their pending mark, not by scanning every lead, and the mark goes once the outbox is empty.
 * The application's relay is stopped while a test leaves events behind, so that only the test's relay finds them.
 */
@StageflowIntegrationTest
class OutboxSweepIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    OutboxRelay applicationRelay;

    @Autowired
    KafkaTemplate<String, byte[]> outboxKafkaTemplate;

    @Autowired
    CloudEventCodec codec;

    @Autowired
    OutboxProperties properties;

    ApiClient api;
    String token;
    MutableClock clock = MutableClock.startingNow();

    @BeforeEach
    void stopTheApplicationsRelay() {
        api = new ApiClient("http://localhost:" + port);
        token = TestTokens.bearer("tenant-" + UUID.randomUUID(), "sam", "SALES");
        applicationRelay.stop();
    }

    @AfterEach
    void restartIt() {
        applicationRelay.start();
    }

    @Test
    void publishedLeadLosesItsPendingMark() throws Exception {
        String id = createLead();
        assertThat(stored(id).getList("outbox", Document.class)).hasSize(1);
        assertThat(stored(id).getBoolean("outboxPending")).isTrue();

        newRelay().publishPending();

        assertThat(published(id)).hasSize(1);
        assertThat(stored(id).getList("outbox", Document.class)).isEmpty();
        assertThat(stored(id)).doesNotContainKey("outboxPending");
    }

    @Test
    void firstSweepAfterStartFindsEventsStoredBeforeTheMarkExistedLaterSweepsFollowTheMark() throws Exception {
        String unmarkedBeforeStart = createLead();
        unmark(unmarkedBeforeStart);
        OutboxRelay relay = newRelay();

        relay.publishPending();

        assertThat(published(unmarkedBeforeStart)).hasSize(1);
        assertThat(stored(unmarkedBeforeStart).getList("outbox", Document.class))
                .isEmpty();

        String marked = createLead();
        String unmarked = createLead();
        unmark(unmarked);
        clock.advance(properties.sweepInterval().plusSeconds(1));

        relay.publishPending();

        assertThat(published(marked)).hasSize(1);
        assertThat(stored(marked).getList("outbox", Document.class)).isEmpty();
        assertThat(stored(unmarked).getList("outbox", Document.class))
                .as("a document without the mark is not looked for once the unmarked ones are gone")
                .hasSize(1);

        // what this test left behind goes out, so no other test sees a stray outbox
        mark(unmarked);
        clock.advance(properties.sweepInterval().plusSeconds(1));
        relay.publishPending();
        assertThat(stored(unmarked).getList("outbox", Document.class)).isEmpty();
    }

    @Test
    void markLeftOnAnEmptyOutboxIsClearedBySweep() throws Exception {
        String id = createLead();
        newRelay().publishPending();
        assertThat(stored(id).getList("outbox", Document.class)).isEmpty();
        // as when a save came between the relay's read and its clearing of the mark, adding no event
        mark(id);
        OutboxRelay relay = newRelay();
        relay.publishPending(); // the scan for unmarked documents after start
        clock.advance(properties.sweepInterval().plusSeconds(1));

        relay.publishPending();

        assertThat(stored(id)).doesNotContainKey("outboxPending");
    }

    private OutboxRelay newRelay() {
        return new OutboxRelay(
                mongo,
                outboxKafkaTemplate,
                codec,
                properties,
                Map.of("leads", "version"),
                new SimpleMeterRegistry(),
                clock);
    }

    private String createLead() {
        var response = api.post("/api/v1/leads", token, "{\"email\":\"sweep-" + UUID.randomUUID() + "@example.com\"}");
        assertThat(response.status()).isEqualTo(201);
        return response.body().get("id").asString();
    }

    private void mark(String id) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update().set("outboxPending", true), "leads");
    }

    private void unmark(String id) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update().unset("outboxPending"), "leads");
    }

    private Document stored(String id) {
        return mongo.findOne(Query.query(Criteria.where("_id").is(id)), Document.class, "leads");
    }

    /** The lead's events on lead-events, once at least one is there. */
    private static List<TopicReader.Received> published(String id) {
        return TopicReader.read(
                        "lead-events", read -> read.stream().anyMatch(r -> id.equals(r.key())), Duration.ofSeconds(30))
                .stream()
                .filter(r -> id.equals(r.key()))
                .toList();
    }
}
