package io.stageflow.analytics.sentiment;

import static io.stageflow.analytics.sentiment.SurveyFixtures.APRIL;
import static io.stageflow.analytics.sentiment.SurveyFixtures.enpsAnswers;
import static io.stageflow.analytics.sentiment.SurveyFixtures.enpsSurvey;
import static io.stageflow.analytics.sentiment.SurveyFixtures.from;
import static io.stageflow.analytics.sentiment.SurveyFixtures.invited;
import static io.stageflow.analytics.sentiment.SurveyFixtures.pulseSurvey;
import static io.stageflow.analytics.sentiment.SurveyFixtures.run;
import static io.stageflow.analytics.sentiment.SurveyFixtures.sixPromotersThreePassivesThreeDetractors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stageflow.analytics.sentiment.SurveyFixtures.Answer;
import io.stageflow.analytics.sentiment.SurveyFixtures.Sequenced;
import io.stageflow.events.survey.NumericAnswer;
import io.stageflow.events.survey.OneOnOneHeld;
import io.stageflow.platform.messaging.CloudEventCodec;
import io.stageflow.testsupport.ApiClient;
import io.stageflow.testsupport.StageflowIntegrationTest;
import io.stageflow.testsupport.TestTokens;
import io.stageflow.testsupport.TopicWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
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

/**
 * eNPS and pulse results fed through a real broker the way survey-service feeds them, read the way HR reads
 * them: exact numbers whatever Kafka does, nothing that could point at a person, nothing for other tenants or
 * roles.
 */
@StageflowIntegrationTest
class SurveyResultsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    CloudEventCodec codec;

    @Autowired
    MongoTemplate mongo;

    ApiClient api;
    TopicWriter topic;
    String tenant;
    String hr;
    String surveyId;

    @BeforeEach
    void setUp() {
        api = new ApiClient("http://localhost:" + port);
        topic = new TopicWriter();
        tenant = "tenant-" + UUID.randomUUID();
        hr = TestTokens.bearer(tenant, "hanna", "HR");
        surveyId = "survey-" + UUID.randomUUID();
    }

    @AfterEach
    void tearDown() {
        topic.close();
    }

    @Test
    void scoresSixPromotersThreePassivesAndThreeDetractorsAsExactlyTwentyFive() {
        String runId = newRunId();
        publish(List.of(enpsSurvey(surveyId, "ZERO_TO_TEN")));
        publish(run(
                surveyId,
                runId,
                1,
                APRIL,
                List.of(invited("platform", 16)),
                sixPromotersThreePassivesThreeDetractors()));
        awaitApplied(runId, 14);

        assertTwentyFiveFromTwelveOfSixteen(enps("surveyId=" + surveyId + "&runId=" + runId));
    }

    @Test
    void countsEveryAnswerOnceWhenEveryEventComesTwiceAndAnswersOvertakeTheRunOpening() {
        String runId = newRunId();
        List<Sequenced> runEvents = run(
                surveyId,
                runId,
                1,
                APRIL,
                List.of(invited("platform", 16)),
                sixPromotersThreePassivesThreeDetractors());
        List<Sequenced> delivered = new ArrayList<>();
        // the second event of a one-on-one, on the same topic: no projection here tracks one-on-ones, so it must
        // not wait for a first event nobody will apply
        String oneOnOneId = "one-on-one-" + UUID.randomUUID();
        delivered.add(new Sequenced(oneOnOneId, 2, new OneOnOneHeld(oneOnOneId, "manager-1", YearMonth.of(2026, 4))));
        for (int copy = 0; copy < 2; copy++) {
            delivered.addAll(runEvents.subList(1, runEvents.size()));
            delivered.add(enpsSurvey(surveyId, "ZERO_TO_TEN"));
        }
        Collections.shuffle(delivered, new Random(6));
        // every answer and the closing, twice and shuffled, before the run opened: all must wait for it
        delivered.add(runEvents.getFirst());
        delivered.add(runEvents.getFirst());
        publish(delivered);
        awaitApplied(runId, 14);

        assertTwentyFiveFromTwelveOfSixteen(enps("surveyId=" + surveyId + "&runId=" + runId));
        assertThat(mongo.count(Query.query(Criteria.where("aggregateKey").regex("^" + tenant)), "parked_events"))
                .as("every early event was applied once its predecessor came")
                .isZero();
    }

    @Test
    void listsASegmentOfFourAnswersAsSuppressedAndHidesTheSmallestOtherSegmentWithIt() {
        String runId = newRunId();
        List<Answer> answers = new ArrayList<>();
        answers.addAll(enpsAnswers("alpha", 9, 9, 9, 7, 3, 10));
        answers.addAll(enpsAnswers("beta", 10, 10, 9, 8, 8, 2, 1, 9));
        answers.addAll(enpsAnswers("gamma", 0, 0, 0, 0));
        publish(List.of(enpsSurvey(surveyId, "ZERO_TO_TEN")));
        publish(run(
                surveyId,
                runId,
                1,
                APRIL,
                List.of(invited("alpha", 7), invited("beta", 10), invited("gamma", 6)),
                answers));
        awaitApplied(runId, answers.size() + 2);

        JsonNode result = enps("surveyId=" + surveyId + "&runId=" + runId + "&segment=team");

        assertThat(result.get("suppressed").asBoolean()).isFalse();
        assertThat(result.get("responses").asLong()).isEqualTo(18);
        assertThat(result.get("segmentBy").asString()).isEqualTo("team");
        JsonNode segments = result.get("segments");
        assertThat(segments).hasSize(3);
        assertSuppressed(segments.get(0), "alpha");
        JsonNode beta = segments.get(1);
        assertThat(beta.get("segment").asString()).isEqualTo("beta");
        assertThat(beta.get("suppressed").asBoolean()).isFalse();
        assertThat(beta.get("responses").asLong()).isEqualTo(8);
        // 4 promoters, 2 passives, 2 detractors of 8
        assertThat(beta.get("score").toString()).isEqualTo("25.0");
        assertThat(beta.get("responseRate").decimalValue()).isEqualByComparingTo("0.8");
        assertSuppressed(segments.get(2), "gamma");

        JsonNode byDepartment = enps("surveyId=" + surveyId + "&runId=" + runId + "&segment=department");
        assertThat(byDepartment.get("segments")).hasSize(1);
        assertThat(byDepartment.at("/segments/0/responses").asLong())
                .as("one segment holding everyone is the total itself")
                .isEqualTo(18);
    }

    @Test
    void classifiesOneToSixAsDetractorsOnTheOneToTenScale() {
        String runId = newRunId();
        publish(List.of(enpsSurvey(surveyId, "ONE_TO_TEN")));
        publish(run(
                surveyId,
                runId,
                1,
                APRIL,
                List.of(invited("platform", 10)),
                enpsAnswers("platform", 1, 2, 3, 4, 5, 6, 7, 9, 10)));
        awaitApplied(runId, 11);

        JsonNode result = enps("surveyId=" + surveyId + "&runId=" + runId);

        assertThat(result.get("scale").asString()).isEqualTo("ONE_TO_TEN");
        assertThat(result.get("detractors").asLong()).isEqualTo(6);
        assertThat(result.get("passives").asLong()).isEqualTo(1);
        assertThat(result.get("promoters").asLong()).isEqualTo(2);
        // (2 − 6) / 9 = −44.44… %
        assertThat(result.get("score").toString()).isEqualTo("-44.4");
    }

    @Test
    void sumsThePeriodsRunsAndListsEachInTheTrendLeavingOutARunTooSmallToShow() {
        String april = newRunId();
        String may = newRunId();
        String june = newRunId();
        Instant mayOpens = Instant.parse("2026-05-04T07:00:00Z");
        publish(List.of(enpsSurvey(surveyId, "ZERO_TO_TEN")));
        publish(run(
                surveyId,
                april,
                1,
                APRIL,
                List.of(invited("platform", 16)),
                sixPromotersThreePassivesThreeDetractors()));
        publish(run(
                surveyId,
                may,
                2,
                mayOpens,
                List.of(invited("platform", 10)),
                enpsAnswers("platform", 9, 9, 9, 0, 0, 0)));
        publish(run(
                surveyId,
                june,
                3,
                Instant.parse("2026-06-01T07:00:00Z"),
                List.of(invited("platform", 10)),
                enpsAnswers("platform", 10, 10, 10)));
        awaitApplied(april, 14);
        awaitApplied(may, 8);
        awaitApplied(june, 5);

        JsonNode period = enps("surveyId=" + surveyId);

        assertThat(period.get("responses").asLong()).isEqualTo(18);
        assertThat(period.get("promoters").asLong()).isEqualTo(9);
        assertThat(period.get("detractors").asLong()).isEqualTo(6);
        // (9 − 6) / 18 = 16.66… %
        assertThat(period.get("score").toString()).isEqualTo("16.7");
        assertThat(period.get("invited").asLong()).isEqualTo(26);
        JsonNode trend = period.get("trend");
        assertThat(trend).hasSize(3);
        assertThat(trend.get(0).get("runId").asString()).isEqualTo(april);
        assertThat(trend.get(0).get("score").toString()).isEqualTo("25.0");
        assertThat(trend.get(1).get("runId").asString()).isEqualTo(may);
        assertThat(trend.get(1).get("score").toString()).isEqualTo("0.0");
        assertThat(trend.get(2).get("runId").asString()).isEqualTo(june);
        assertThat(trend.get(2).get("suppressed").asBoolean()).isTrue();
        assertThat(trend.get(2).get("score").isNull()).isTrue();

        JsonNode fromMay = enps("surveyId=" + surveyId + "&from=2026-05-04&to=2026-05-31");
        assertThat(fromMay.get("trend")).hasSize(1);
        assertThat(fromMay.get("responses").asLong()).isEqualTo(6);
    }

    @Test
    void answersAnotherTenantsSurveyWithNotFound() {
        String runId = newRunId();
        publish(List.of(enpsSurvey(surveyId, "ZERO_TO_TEN")));
        publish(run(
                surveyId,
                runId,
                1,
                APRIL,
                List.of(invited("platform", 16)),
                sixPromotersThreePassivesThreeDetractors()));
        awaitApplied(runId, 14);
        enps("surveyId=" + surveyId);

        String otherTenantsHr = TestTokens.bearer("other-" + UUID.randomUUID(), "olga", "HR", "ADMIN");
        var enps = api.get("/api/v1/analytics/enps?surveyId=" + surveyId, otherTenantsHr);
        var pulse = api.get("/api/v1/analytics/pulse?surveyId=" + surveyId, otherTenantsHr);

        assertThat(enps.status()).isEqualTo(404);
        assertThat(enps.contentType()).startsWith("application/problem+json");
        assertThat(pulse.status()).isEqualTo(404);
        assertThat(api.get("/api/v1/analytics/enps?surveyId=" + surveyId + "&runId=no-such-run", hr)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void refusesSurveyResultsToEveryoneButHrAndAdmins() {
        String runId = newRunId();
        publish(List.of(enpsSurvey(surveyId, "ZERO_TO_TEN")));
        publish(run(
                surveyId,
                runId,
                1,
                APRIL,
                List.of(invited("platform", 16)),
                sixPromotersThreePassivesThreeDetractors()));
        awaitApplied(runId, 14);
        enps("surveyId=" + surveyId);

        String sales = TestTokens.bearer(tenant, "sam", "SALES");
        String manager = TestTokens.bearer(tenant, "mia", "MANAGER");
        String admin = TestTokens.bearer(tenant, "ada", "ADMIN");
        for (String path : List.of("/api/v1/analytics/enps?surveyId=", "/api/v1/analytics/pulse?surveyId=")) {
            var refused = api.get(path + surveyId, sales);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body().get("score")).isNull();
            assertThat(api.get(path + surveyId, manager).status()).isEqualTo(403);
            assertThat(api.get(path + "no-such-survey", sales).status())
                    .as("refused before anything is looked up")
                    .isEqualTo(403);
            assertThat(api.get(path + surveyId, admin).status()).isEqualTo(200);
        }
    }

    @Test
    void rejectsBadParametersNamingTheField() {
        var noSurvey = api.get("/api/v1/analytics/enps", hr);
        var badSegment = api.get("/api/v1/analytics/pulse?surveyId=s&segment=floor&from=yesterday", hr);

        assertThat(noSurvey.status()).isEqualTo(400);
        assertThat(noSurvey.contentType()).startsWith("application/problem+json");
        assertThat(noSurvey.body().at("/errors/0/field").asString()).isEqualTo("surveyId");
        assertThat(badSegment.status()).isEqualTo(400);
        assertThat(Stream.of(0, 1)
                        .map(i ->
                                badSegment.body().at("/errors/" + i + "/field").asString())
                        .toList())
                .containsExactly("from", "segment");
    }

    @Test
    void averagesAndCountsEachNumericQuestionOfAPulse() {
        String runId = newRunId();
        List<Answer> answers = List.of(
                pulse("platform", 5, 1, 0, 8),
                pulse("platform", 4, 1, 1, 7),
                pulse("platform", 4, 0, 2, 9),
                pulse("platform", 3, 1, 1, null),
                pulse("platform", 5, 1, 1, null),
                pulse("platform", 2, 1, 0, null));
        publish(List.of(pulseSurvey(surveyId)));
        publish(run(surveyId, runId, 1, APRIL, List.of(invited("platform", 8)), answers));
        awaitApplied(runId, 8);

        JsonNode result = pulse("surveyId=" + surveyId + "&runId=" + runId);

        assertThat(result.get("suppressed").asBoolean()).isFalse();
        assertThat(result.get("responses").asLong()).isEqualTo(6);
        assertThat(result.get("responseRate").decimalValue()).isEqualByComparingTo("0.75");
        JsonNode questions = result.get("questions");
        assertThat(questions.findValuesAsString("questionId")).containsExactly("mood", "tools", "office", "focus");
        JsonNode mood = questions.get(0);
        assertThat(mood.get("responses").asLong()).isEqualTo(6);
        // 23 / 6 = 3.833…
        assertThat(mood.get("average").toString()).isEqualTo("3.83");
        assertThat(mood.get("distribution").toString()).isEqualTo("{\"1\":0,\"2\":1,\"3\":1,\"4\":2,\"5\":2}");
        JsonNode tools = questions.get(1);
        assertThat(tools.get("average").toString()).as("the share of yes").isEqualTo("0.83");
        assertThat(tools.get("distribution").toString()).isEqualTo("{\"0\":1,\"1\":5}");
        JsonNode office = questions.get(2);
        assertThat(office.get("average").isNull())
                .as("no mean of option indexes")
                .isTrue();
        assertThat(office.get("distribution").toString()).isEqualTo("{\"0\":2,\"1\":3,\"2\":1}");
        JsonNode focus = questions.get(3);
        assertThat(focus.get("suppressed").asBoolean()).as("only 3 answered it").isTrue();
        assertThat(focus.get("average").isNull()).isTrue();
        assertThat(focus.get("distribution").isNull()).isTrue();

        JsonNode trend = pulse("surveyId=" + surveyId).get("trend");
        assertThat(trend).hasSize(1);
        assertThat(trend.at("/0/averages/0/average").toString()).isEqualTo("3.83");
        assertThat(api.get("/api/v1/analytics/enps?surveyId=" + surveyId, hr).status())
                .as("a pulse without an eNPS question has no eNPS")
                .isEqualTo(422);
    }

    private static Answer pulse(String team, int mood, int tools, int office, Integer focus) {
        List<NumericAnswer> answers = new ArrayList<>(List.of(
                new NumericAnswer("mood", mood),
                new NumericAnswer("tools", tools),
                new NumericAnswer("office", office)));
        if (focus != null) {
            answers.add(new NumericAnswer("focus", focus));
        }
        return from(team, answers.toArray(NumericAnswer[]::new));
    }

    private void assertTwentyFiveFromTwelveOfSixteen(JsonNode result) {
        assertThat(result.get("suppressed").asBoolean()).isFalse();
        assertThat(result.get("score").toString()).isEqualTo("25.0");
        assertThat(result.get("responses").asLong()).isEqualTo(12);
        assertThat(result.get("promoters").asLong()).isEqualTo(6);
        assertThat(result.get("passives").asLong()).isEqualTo(3);
        assertThat(result.get("detractors").asLong()).isEqualTo(3);
        assertThat(result.get("invited").asLong()).isEqualTo(16);
        assertThat(result.get("responseRate").decimalValue()).isEqualByComparingTo("0.75");
    }

    private static void assertSuppressed(JsonNode segment, String name) {
        assertThat(segment.get("segment").asString()).isEqualTo(name);
        assertThat(segment.get("suppressed").asBoolean()).isTrue();
        assertThat(segment.get("score").isNull()).isTrue();
        assertThat(segment.get("responses").isNull()).isTrue();
        assertThat(segment.get("promoters").isNull()).isTrue();
    }

    private void publish(List<Sequenced> events) {
        events.forEach(event -> topic.send(
                codec.toRecord(codec.toOutboxEntry(tenant, event.aggregateId(), event.sequence(), event.event()))));
    }

    /** Waits until the run applied its events up to {@code sequence} and the survey is known. */
    private void awaitApplied(String runId, long sequence) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(mongo.findById(SurveyRun.idOf(tenant, runId), SurveyRun.class))
                    .isNotNull()
                    .extracting(SurveyRun::sequence)
                    .isEqualTo(sequence);
            assertThat(mongo.findById(SurveyDefinition.idOf(tenant, surveyId), SurveyDefinition.class))
                    .isNotNull();
        });
    }

    private JsonNode enps(String query) {
        return get("/api/v1/analytics/enps?" + query);
    }

    private JsonNode pulse(String query) {
        return get("/api/v1/analytics/pulse?" + query);
    }

    private JsonNode get(String path) {
        var response = api.get(path, hr);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.body();
    }

    private static String newRunId() {
        return "run-" + UUID.randomUUID();
    }
}
