package io.stageflow.analytics.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stageflow.events.Money;
import io.stageflow.events.deal.DealCreated;
import io.stageflow.events.deal.DealWon;
import io.stageflow.events.deal.PipelineDefined;
import io.stageflow.events.deal.PipelineStage;
import io.stageflow.events.deal.StageChanged;
import io.stageflow.events.lead.LeadConverted;
import io.stageflow.events.lead.LeadCreated;
import io.stageflow.events.lead.LeadQualified;
import io.stageflow.events.survey.NumericAnswer;
import io.stageflow.events.survey.Segment;
import io.stageflow.events.survey.SegmentInvitations;
import io.stageflow.events.survey.SurveyAnswered;
import io.stageflow.events.survey.SurveyPublished;
import io.stageflow.events.survey.SurveyQuestion;
import io.stageflow.events.survey.SurveyRunClosed;
import io.stageflow.events.survey.SurveyRunOpened;
import io.stageflow.platform.messaging.CloudEventCodec;
import io.stageflow.testsupport.ApiClient;
import io.stageflow.testsupport.StageflowIntegrationTest;
import io.stageflow.testsupport.TestTokens;
import io.stageflow.testsupport.TopicWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Rebuilding the projections from the topics while they keep serving: the same answers afterwards, an event that
 * arrives during the rebuild included, progress up to 100 %, one rebuild at a time, admins only.
 *
 * <p>A context of its own, with a database and a consumer group of its own: the rebuild switches the projections
 * of its database to a new generation and drops the first one, which the other integration tests read directly;
 * and its consumers must not take partitions from theirs.
 */
@StageflowIntegrationTest
@TestPropertySource(
        properties = {
            "spring.mongodb.database=analytics_rebuild_test",
            "spring.cloud.stream.bindings.leadEvents-in-0.group=analytics-rebuild-test",
            "spring.cloud.stream.bindings.dealEvents-in-0.group=analytics-rebuild-test",
            "spring.cloud.stream.bindings.surveyEvents-in-0.group=analytics-rebuild-test"
        })
class RebuildIntegrationTests {

    private static final Instant DAY_0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final List<PipelineStage> STAGES = List.of(
            new PipelineStage("lead", "Lead", 10, 14, "OPEN"),
            new PipelineStage("proposal", "Proposal", 60, 14, "OPEN"),
            new PipelineStage("won", "Won", 100, null, "WON"),
            new PipelineStage("lost", "Lost", 0, null, "LOST"));

    @LocalServerPort
    int port;

    @Autowired
    CloudEventCodec codec;

    ApiClient api;
    TopicWriter topic;
    String tenant;
    String admin;

    @BeforeEach
    void setUp() {
        api = new ApiClient("http://localhost:" + port);
        topic = new TopicWriter();
        tenant = "tenant-" + UUID.randomUUID();
        admin = TestTokens.bearer(tenant, "ada", "ADMIN", "MANAGER", "HR");
    }

    @AfterEach
    void tearDown() {
        topic.close();
    }

    @Test
    void rebuildsEveryProjectionIntoTheSameAnswersIncludingWhatArrivesMeanwhile() {
        publishHistory();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(get("/api/v1/analytics/lead-funnel").get("created").asLong())
                    .isEqualTo(3);
            assertThat(get("/api/v1/analytics/lead-funnel").get("won").asLong()).isEqualTo(1);
            assertThat(get(funnel()).get("deals").asLong()).isEqualTo(2);
            assertThat(get(funnel()).get("won").asLong()).isEqualTo(1);
            assertThat(get(enps()).get("responses").asLong()).isEqualTo(5);
        });
        JsonNode funnelBefore = get(funnel());
        JsonNode enpsBefore = get(enps());
        JsonNode leadsBefore = get("/api/v1/analytics/lead-funnel");

        var started = api.post("/api/v1/analytics/rebuild", admin, "");
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.body().get("generation").asLong()).isEqualTo(1);
        var second = api.post("/api/v1/analytics/rebuild", admin, "");
        assertThat(second.status()).as("one rebuild at a time").isEqualTo(409);
        assertThat(second.contentType()).startsWith("application/problem+json");
        send("lead-late", 1, new LeadCreated("lead-late", "web", null, "NEW", null, DAY_0));
        assertThat(get(funnel())).as("the old generation serves meanwhile").isEqualTo(funnelBefore);

        await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> get("/api/v1/analytics/rebuild").get("state").asString(),
                        state ->
                                !state.equals("PREPARING") && !state.equals("REPLAYING") && !state.equals("SWITCHING"));
        JsonNode progress = get("/api/v1/analytics/rebuild");
        assertThat(progress.get("state").asString()).as(progress.toString()).isEqualTo("DONE");
        assertThat(progress.get("percent").decimalValue()).isEqualByComparingTo("100");
        assertThat(progress.get("eventsDone").asLong())
                .as("at least this test's events, every record up to the end captured")
                .isGreaterThanOrEqualTo(14)
                .isEqualTo(progress.get("eventsTotal").asLong());
        assertThat(progress.get("secondsLeft").asLong()).isZero();
        assertThat(progress.get("eventsPerSecond").decimalValue()).isPositive();

        assertThat(get(funnel())).isEqualTo(funnelBefore);
        assertThat(get(enps())).isEqualTo(enpsBefore);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(get("/api/v1/analytics/lead-funnel")
                                .get("created")
                                .asLong())
                        .as("the lead that came during the rebuild is in the new generation")
                        .isEqualTo(leadsBefore.get("created").asLong() + 1));
        assertThat(get("/api/v1/analytics/lead-funnel").get("won").asLong())
                .as("the converted lead's deal is still found won")
                .isEqualTo(leadsBefore.get("won").asLong());
    }

    @Test
    void refusesEveryoneButAdmins() {
        String manager = TestTokens.bearer(tenant, "mia", "MANAGER", "HR");

        var start = api.post("/api/v1/analytics/rebuild", manager, "");
        var progress = api.get("/api/v1/analytics/rebuild", manager);

        assertThat(start.status()).isEqualTo(403);
        assertThat(start.contentType()).startsWith("application/problem+json");
        assertThat(progress.status()).isEqualTo(403);
    }

    private void publishHistory() {
        send("lead-1", 1, new LeadCreated("lead-1", "web", null, "NEW", null, DAY_0));
        send("lead-1", 2, new LeadQualified("lead-1", "NEW", "MQL", 80, DAY_0.plusSeconds(60)));
        send("lead-2", 1, new LeadCreated("lead-2", "web", null, "NEW", null, DAY_0));
        send("lead-2", 2, new LeadQualified("lead-2", "NEW", "SQL", 90, DAY_0));
        // the lead funnel's last step joins the lead with the deal its conversion opened, in the same generation
        send("lead-2", 3, new LeadConverted("lead-2", "d1", "pipeline-1", "Deal", null, null, DAY_0));
        send("lead-3", 1, new LeadCreated("lead-3", "ads", null, "NEW", null, DAY_0));

        send("pipeline-1", 1, new PipelineDefined("pipeline-1", "Sales", "SALES", 1, STAGES, List.of(), DAY_0));
        Money amount = new Money(1_000_000, "EUR");
        send(
                "d1",
                1,
                new DealCreated("d1", "pipeline-1", "lead", amount, 10, "ann", null, null, List.of(), false, DAY_0));
        send(
                "d1",
                2,
                new StageChanged(
                        "d1", "pipeline-1", "lead", "proposal", 3600, amount, 60, false, DAY_0.plusSeconds(3600)));
        send("d1", 3, new DealWon("d1", "pipeline-1", "proposal", "won", 3600, amount, DAY_0.plusSeconds(7200)));
        send(
                "d2",
                1,
                new DealCreated("d2", "pipeline-1", "lead", amount, 10, "bob", null, null, List.of(), false, DAY_0));

        send(
                "survey-1",
                1,
                new SurveyPublished(
                        "survey-1",
                        "eNPS",
                        "ENPS",
                        List.of(new SurveyQuestion("enps", "SCALE_0_10", "Recommend us?", null, true)),
                        "enps",
                        "ZERO_TO_TEN",
                        "ONCE",
                        "Europe/Berlin",
                        1,
                        DAY_0));
        Segment team = new Segment("platform", "engineering", "Berlin");
        send(
                "run-1",
                1,
                new SurveyRunOpened(
                        "survey-1",
                        "run-1",
                        1,
                        DAY_0,
                        DAY_0.plus(Duration.ofDays(7)),
                        8,
                        List.of(new SegmentInvitations(team, 8))));
        int[] values = {10, 9, 8, 3, 10};
        for (int i = 0; i < values.length; i++) {
            send(
                    "run-1",
                    i + 2,
                    new SurveyAnswered(
                            "survey-1",
                            "run-1",
                            "response-" + i,
                            team,
                            LocalDate.of(2026, 3, 3),
                            List.of(new NumericAnswer("enps", values[i]))));
        }
        send("run-1", 7, new SurveyRunClosed("survey-1", "run-1", 8, 5, DAY_0.plus(Duration.ofDays(7))));
    }

    private void send(String aggregateId, long sequence, Object event) {
        topic.send(codec.toRecord(codec.toOutboxEntry(tenant, aggregateId, sequence, event)));
    }

    private static String funnel() {
        return "/api/v1/analytics/funnel?pipelineId=pipeline-1&asOf=2026-03-10T00:00:00Z";
    }

    private static String enps() {
        return "/api/v1/analytics/enps?surveyId=survey-1&runId=run-1";
    }

    private JsonNode get(String path) {
        var response = api.get(path, admin);
        assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
        return response.body();
    }
}
