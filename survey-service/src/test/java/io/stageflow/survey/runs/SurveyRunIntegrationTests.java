package io.stageflow.survey.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stageflow.platform.outbox.AggregateStore;
import io.stageflow.survey.SurveyProperties;
import io.stageflow.survey.employees.Employee;
import io.stageflow.survey.employees.Employees;
import io.stageflow.survey.surveys.Surveys;
import io.stageflow.testsupport.ApiClient;
import io.stageflow.testsupport.ApiClient.Response;
import io.stageflow.testsupport.MutableClock;
import io.stageflow.testsupport.StageflowIntegrationTest;
import io.stageflow.testsupport.TestTokens;
import io.stageflow.testsupport.TopicReader;
import io.stageflow.testsupport.TopicReader.Received;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Surveys from the directory to published answers, as HR and invited employees see them, against the real
 * broker and store. The scheduler is driven by hand ({@link RunScheduler#tick()}) on a movable clock, and
 * invitations are read from the notifications file the local stack writes instead of mail.
 */
@StageflowIntegrationTest
@TestPropertySource(properties = "stageflow.survey.scheduler-enabled=false")
class SurveyRunIntegrationTests {

    static final Path NOTIFICATIONS = notificationsFile();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TestConfiguration
    static class MovableTime {
        @Bean
        MutableClock clock() {
            return MutableClock.startingNow();
        }
    }

    @DynamicPropertySource
    static void notifications(DynamicPropertyRegistry registry) {
        registry.add("stageflow.survey.notifications-file", NOTIFICATIONS::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    RunScheduler scheduler;

    @Autowired
    MongoTemplate mongo;

    ApiClient api;
    String tenant;
    String hr;

    @BeforeEach
    void newTenant() {
        api = new ApiClient("http://localhost:" + port);
        tenant = "tenant-" + UUID.randomUUID();
        hr = TestTokens.bearer(tenant, "hilde", "HR");
    }

    @Test
    void aPulseSurveyWithAnEleventhQuestionIsRejectedAndNothingIsStored() {
        importEmployees(2, "platform");
        StringBuilder questions = new StringBuilder();
        for (int i = 1; i <= 11; i++) {
            questions
                    .append(i > 1 ? "," : "")
                    .append("{\"type\":\"LIKERT_5\",\"text\":\"Question ")
                    .append(i)
                    .append("\"}");
        }

        Response rejected = api.post("/api/v1/surveys", hr, pulse("[" + questions + "]"));

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.contentType()).startsWith("application/problem+json");
        assertThat(rejected.body().get("errors").findValuesAsString("field")).containsExactly("questions");
        assertThat(api.get("/api/v1/surveys", hr).body().get("items")).isEmpty();

        String ten = questions.substring(0, questions.lastIndexOf(",{"));
        assertThat(api.post("/api/v1/surveys", hr, pulse("[" + ten + "]")).status())
                .isEqualTo(201);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"cadence\":\"DAILY\"|cadence",
                "\"cadence\":\"WEEKLY\",\"timeZone\":\"Mars/Olympus\"|timeZone",
                "\"cadence\":\"WEEKLY\",\"audience\":{\"all\":false}|audience",
                "\"cadence\":\"WEEKLY\",\"audience\":{\"team\":[]}|audience",
                "\"cadence\":\"WEEKLY\",\"windowDays\":8|windowDays",
                "\"cadence\":\"MONTHLY\",\"questions\":[{\"type\":\"SINGLE_CHOICE\",\"text\":\"Pick\",\"options\":[\"only\"]}]|questions[0].options",
                "\"cadence\":\"MONTHLY\",\"questions\":[{\"bankKey\":\"no-such-question\"}]|questions[0].bankKey"
            })
    void badSurveyInputNamesTheFieldAndStoresNothing(String fields, String field) {
        String body = "{\"title\":\"Pulse\",\"kind\":\"PULSE\",\"audience\":{\"all\":true},"
                + "\"questions\":[{\"bankKey\":\"workload\"}]," + fields + "}";
        // later keys win in the request; the defaults above are there so only the field under test is wrong
        Response rejected = api.post("/api/v1/surveys", hr, body);

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.body().toString()).contains(field);
        assertThat(api.get("/api/v1/surveys", hr).body().get("items")).isEmpty();
    }

    @Test
    void invitedEmployeesAnswerOnceAnonymouslyAndAnswersArePublishedInBatchesOfFive() throws Exception {
        List<Employee> people = importEmployees(7, "platform");
        String surveyId = createEnps("ONCE");

        scheduler.tick();

        JsonNode run = runsOf(surveyId).get(0);
        String runId = run.get("id").asString();
        assertThat(run.get("status").asString()).isEqualTo("OPEN");
        assertThat(run.get("invited").asInt()).isEqualTo(7);
        List<String> tokens = invitationTokens("INVITATION");
        assertThat(tokens).hasSize(7);

        JsonNode questionnaire =
                api.get("/api/v1/responses/" + tokens.get(0), null).body();
        assertThat(questionnaire.get("questions").findValuesAsString("id")).containsExactly("enps", "why");

        Response outOfRange = answer(tokens.get(0), 11);
        assertThat(outOfRange.status()).isEqualTo(400);
        assertThat(outOfRange.body().get("errors").findValuesAsString("field")).containsExactly("answers[0].value");
        Response missing = api.post("/api/v1/responses/" + tokens.get(0), null, "{\"answers\":[]}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().get("errors").get(0).get("message").asString())
                .contains("enps");

        int[] scores = {10, 9, 8, 3};
        for (int i = 0; i < scores.length; i++) {
            assertThat(answer(tokens.get(i), scores[i]).status()).isEqualTo(204);
        }
        assertThat(answer(tokens.get(0), 10).status()).as("a used token").isEqualTo(409);
        assertThat(api.post("/api/v1/responses/" + "A".repeat(43), null, "{\"answers\":[]}")
                        .status())
                .as("an unknown token")
                .isEqualTo(404);
        assertThat(responsesOf(runId)).hasSize(4);

        scheduler.tick();
        assertThat(responsesOf(runId))
                .as("4 answers in a segment are fewer than a batch: none is published yet")
                .allSatisfy(response -> assertThat(response.get("batchId")).isNull());

        assertThat(answer(tokens.get(4), 6).status()).isEqualTo(204);
        scheduler.tick();
        List<Received> answered = surveyEvents(runId, "stageflow.survey.answered", 5);
        assertThat(answered).hasSize(5);
        assertThat(answered)
                .extracting(r -> JSON.readTree(r.body())
                        .get("answers")
                        .get(0)
                        .get("value")
                        .asInt())
                .containsExactlyInAnyOrder(10, 9, 8, 3, 6);

        assertThat(answer(tokens.get(5), 7).status()).isEqualTo(204);
        clock.advance(Duration.ofDays(15));
        assertThat(answer(tokens.get(6), 9).status())
                .as("the run's window has passed")
                .isEqualTo(410);
        scheduler.tick();

        assertThat(runsOf(surveyId).get(0).get("status").asString()).isEqualTo("CLOSED");
        assertThat(surveyEvents(runId, "stageflow.survey.answered", 6)).hasSize(6);
        Received closed = surveyEvents(runId, "stageflow.survey.run-closed", 1).getFirst();
        assertThat(JSON.readTree(closed.body()).get("responses").asInt()).isEqualTo(6);
        assertThat(answer(tokens.get(6), 9).status()).isEqualTo(410);

        JsonNode comments = api.get("/api/v1/surveys/" + surveyId + "/runs/" + runId + "/comments", hr)
                .body();
        assertThat(comments.get("shown").asBoolean())
                .as("6 responses are fewer than 10")
                .isFalse();
        assertThat(comments.get("comments")).isEmpty();

        List<String> identifying = new ArrayList<>();
        for (Employee person : people) {
            identifying.addAll(List.of(person.id(), person.email(), person.name(), person.userId()));
        }
        List<String> stored = responsesOf(runId).stream().map(Document::toJson).toList();
        List<String> published = TopicReader.read("survey-events", records -> false, Duration.ofSeconds(3)).stream()
                .filter(r -> tenant.equals(r.header("ce_tenantid")))
                .map(r -> r.body() + r.headers())
                .toList();
        assertThat(published).hasSizeGreaterThanOrEqualTo(8);
        for (String text : concat(stored, published)) {
            for (String personal : identifying) {
                assertThat(text).doesNotContain(personal);
            }
        }
        assertThat(mongo.find(Query.query(Criteria.where("runId").is(runId)), Document.class, "survey_invitations"))
                .as("after closing no invitation says whose it was")
                .allSatisfy(invitation -> assertThat(invitation).doesNotContainKeys("employeeId", "segment"));
    }

    @Test
    void theReminderReachesOnlyThoseWhoHaveNotAnsweredWithALinkThatReplacesTheirFirst() {
        importEmployees(3, "sales");
        String surveyId = createEnps("WEEKLY");
        scheduler.tick();
        List<String> tokens = invitationTokens("INVITATION");
        assertThat(answer(tokens.get(0), 9).status()).isEqualTo(204);

        clock.advance(Duration.ofDays(4)); // a weekly survey is open 5 days; the reminder goes 2 days before
        scheduler.tick();
        scheduler.tick();

        List<String> reminders = invitationTokens("REMINDER");
        assertThat(reminders)
                .as("one reminder each for the two who have not answered")
                .hasSize(2);
        assertThat(answer(tokens.get(1), 5).status()).as("the replaced link").isEqualTo(410);
        assertThat(answer(reminders.get(0), 5).status()).isEqualTo(204);
        assertThat(answer(reminders.get(0), 5).status()).isEqualTo(409);
        assertThat(runsOf(surveyId).get(0).get("responses").asInt()).isEqualTo(2);
    }

    @Test
    void twoSchedulerInstancesOpenADueRunExactlyOnce(
            @Autowired SurveyRuns runs,
            @Autowired Surveys surveys,
            @Autowired RunOpening opening,
            @Autowired AnswerRelease release,
            @Autowired Employees employees,
            @Autowired AggregateStore store,
            @Autowired SurveyProperties properties)
            throws Exception {
        importEmployees(6, "platform");
        String surveyId = createEnps("MONTHLY");
        var otherInstance = new RunScheduler(
                new SchedulerLock(mongo, clock, Duration.ofMinutes(5), "instance-b"),
                surveys,
                runs,
                opening,
                release,
                employees,
                store,
                mongo,
                properties,
                clock);

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> ticks = new ArrayList<>();
            for (RunScheduler instance : List.of(scheduler, otherInstance)) {
                ticks.add(threads.submit(() -> {
                    start.await();
                    return instance.tick();
                }));
            }
            start.countDown();
            for (Future<Boolean> tick : ticks) {
                tick.get();
            }
            scheduler.tick();
            otherInstance.tick();
        } finally {
            threads.shutdown();
        }

        JsonNode opened = runsOf(surveyId);
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).get("invited").asInt()).isEqualTo(6);
        assertThat(invitationTokens("INVITATION")).hasSize(6);
        String runId = opened.get(0).get("id").asString();
        assertThat(TopicReader.read("survey-events", records -> false, Duration.ofSeconds(3)).stream()
                        .filter(r -> runId.equals(r.key()))
                        .filter(r -> "stageflow.survey.run-opened".equals(r.header("ce_type"))))
                .hasSize(1);
    }

    @Test
    void onlyHrAndAdminsReachSurveysAndAnotherTenantsSurveyDoesNotExist() {
        importEmployees(1, "platform");
        String surveyId = createEnps("ONCE");

        assertThat(api.get("/api/v1/surveys/" + surveyId, TestTokens.bearer(tenant, "sam", "SALES"))
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/employees", TestTokens.bearer(tenant, "sam", "SALES", "MANAGER"))
                        .status())
                .isEqualTo(403);
        String otherTenant = TestTokens.bearer("tenant-" + UUID.randomUUID(), "olga", "HR");
        assertThat(api.get("/api/v1/surveys/" + surveyId, otherTenant).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/surveys/" + surveyId + "/runs", otherTenant, "")
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/surveys/" + surveyId, TestTokens.bearer(tenant, "ada", "ADMIN"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aRunOpenedByHandInvitesNowAndASecondOneWaitsUntilItCloses() {
        importEmployees(2, "platform");
        String surveyId = createEnps("QUARTERLY");
        scheduler.tick();

        Response second = api.post("/api/v1/surveys/" + surveyId + "/runs", hr, "");
        assertThat(second.status()).isEqualTo(409);

        clock.advance(Duration.ofDays(20));
        scheduler.tick();
        Response byHand = api.post("/api/v1/surveys/" + surveyId + "/runs", hr, "");
        assertThat(byHand.status()).isEqualTo(201);
        assertThat(byHand.body().get("number").asInt()).isEqualTo(2);
        assertThat(byHand.body().get("invited").asInt()).isEqualTo(2);
    }

    private List<Employee> importEmployees(int count, String team) {
        StringBuilder csv = new StringBuilder("E-Mail;Name;Team;Abteilung;Standort;Login\n");
        for (int i = 0; i < count; i++) {
            String unique = UUID.randomUUID().toString().substring(0, 8);
            csv.append("person-")
                    .append(unique)
                    .append("@example.com;Person ")
                    .append(unique)
                    .append(';')
                    .append(team)
                    .append(";engineering;Berlin;login-")
                    .append(unique)
                    .append('\n');
        }
        Response imported = api.send("/api/v1/employees", hr, "POST", "text/csv", csv.toString(), Map.of());
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(200);
        assertThat(imported.body().get("created").asInt()).isEqualTo(count);
        return mongo.find(Query.query(Criteria.where("tenantId").is(tenant)), Employee.class);
    }

    private String createEnps(String cadence) {
        Response created = api.post(
                "/api/v1/surveys",
                hr,
                "{\"title\":\"How are we doing?\",\"kind\":\"ENPS\",\"cadence\":\"" + cadence
                        + "\",\"timeZone\":\"Europe/Berlin\",\"sendTime\":\"00:00\",\"audience\":{\"all\":true}}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().get("id").asString();
    }

    private String pulse(String questions) {
        return "{\"title\":\"Weekly pulse\",\"kind\":\"PULSE\",\"cadence\":\"WEEKLY\",\"audience\":{\"all\":true},"
                + "\"questions\":" + questions + "}";
    }

    private JsonNode runsOf(String surveyId) {
        return api.get("/api/v1/surveys/" + surveyId + "/runs", hr).body();
    }

    private Response answer(String token, int enps) {
        return api.post(
                "/api/v1/responses/" + token,
                null,
                "{\"answers\":[{\"questionId\":\"enps\",\"value\":" + enps
                        + "},{\"questionId\":\"why\",\"value\":\"Team\"}]}");
    }

    private List<Document> responsesOf(String runId) {
        return mongo.find(Query.query(Criteria.where("runId").is(runId)), Document.class, "survey_responses");
    }

    private List<String> invitationTokens(String kind) {
        try {
            return Files.readAllLines(NOTIFICATIONS).stream()
                    .map(JSON::readTree)
                    .filter(n -> tenant.equals(n.get("tenantId").asString()))
                    .filter(n -> kind.equals(n.get("kind").asString()))
                    .map(n -> n.get("link").asString())
                    .map(link -> link.substring(link.lastIndexOf('/') + 1))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private List<Received> surveyEvents(String runId, String type, int atLeast) {
        return TopicReader.read(
                        "survey-events",
                        records -> records.stream()
                                        .filter(r -> runId.equals(r.key()) && type.equals(r.header("ce_type")))
                                        .count()
                                >= atLeast,
                        Duration.ofSeconds(15))
                .stream()
                .filter(r -> runId.equals(r.key()) && type.equals(r.header("ce_type")))
                .toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Path notificationsFile() {
        try {
            return Files.createTempDirectory("stageflow-survey-test").resolve("notifications.jsonl");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
