package io.stageflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stageflow.testsupport.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Starts the real stack with the launcher (Kafka broker process, embedded store process, five service
 * processes) and uses it through the gateway with the dev credentials, as the README tells a user to.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StageflowSystemTests {

    static final LocalStack stack = new LocalStack();
    static ApiClient api;
    static String token;

    @BeforeAll
    static void up() {
        stack.run("down");
        stack.run("up");
        api = new ApiClient(stack.gatewayUrl());
        token = "Bearer " + stack.credentials().get("STAGEFLOW_TOKEN");
    }

    @AfterAll
    static void down() {
        stack.run("down");
    }

    @Test
    @Order(1)
    void leadPostedThroughTheGatewayIsCountedByAnalytics() {
        long before = createdLeads();

        long posted = System.nanoTime();
        var created = api.post(
                "/api/v1/leads", token, "{\"email\":\"" + UUID.randomUUID() + "@example.com\",\"source\":\"web\"}");

        assertThat(created.status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(createdLeads()).isEqualTo(before + 1));
        System.out.printf(
                "[system] lead visible in lead-funnel %d ms after the POST returned%n",
                Duration.ofNanos(System.nanoTime() - posted).toMillis());
        assertThat(api.get("/api/v1/leads/" + created.body().get("id").asString(), token)
                        .status())
                .isEqualTo(200);
    }

    @Test
    @Order(2)
    void leadsPostedWhileTheBrokerIsDeadAreCountedExactlyOnceAfterItReturns() {
        long before = createdLeads();
        ProcessHandle.of(stack.pidOf("kafka")).orElseThrow().destroyForcibly(); // SIGKILL, no clean shutdown

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            var response = api.post(
                    "/api/v1/leads",
                    token,
                    "{\"email\":\"outage-" + i + "-" + UUID.randomUUID() + "@example.com\",\"source\":\"outage\"}");
            assertThat(response.status())
                    .as("accepted while the broker is down")
                    .isEqualTo(201);
            ids.add(response.body().get("id").asString());
        }
        assertThat(createdLeads())
                .as("nothing can reach analytics without a broker")
                .isEqualTo(before);

        stack.run("up"); // starts what is missing: the broker
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(createdLeads()).isEqualTo(before + 100));

        // the relay may re-publish what it sent just before the kill; none of it may be counted twice
        await().during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(createdLeads()).isEqualTo(before + 100));
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    @Order(3)
    void upTwiceSaysItIsAlreadyUp() {
        assertThat(stack.run("up")).contains("already up");
        assertThat(stack.run("status")).contains("gateway", "running, healthy").doesNotContain("stopped");
    }

    @Test
    @Order(4)
    void dataSurvivesDownAndUp() {
        long before = createdLeads();
        String id = api.post("/api/v1/leads", token, "{\"email\":\"" + UUID.randomUUID() + "@example.com\"}")
                .body()
                .get("id")
                .asString();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(createdLeads()).isEqualTo(before + 1));

        stack.run("down");
        assertThat(stack.run("status")).doesNotContain("running");
        stack.run("up");
        token = "Bearer " + stack.credentials().get("STAGEFLOW_TOKEN");

        assertThat(api.get("/api/v1/leads/" + id, token).status()).isEqualTo(200);
        assertThat(createdLeads()).isEqualTo(before + 1);
    }

    @Test
    @Order(5)
    void convertedLeadBecomesADealThatMovesThroughThePipelineOnTheBoard() {
        String leadId = api.post("/api/v1/leads", token, "{\"email\":\"" + UUID.randomUUID() + "@example.com\"}")
                .body()
                .get("id")
                .asString();
        assertThat(api.post("/api/v1/leads/" + leadId + "/qualify", token, null).status())
                .isEqualTo(200);
        var conversion = api.post("/api/v1/leads/" + leadId + "/convert", token, """
                {"title":"Initech – 20 seats","amount":{"value":"4800.00","currency":"EUR"}}""");
        assertThat(conversion.status()).isEqualTo(202);
        String dealId = conversion.body().get("dealId").asString();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                api.get("/api/v1/deals/" + dealId, token).status())
                        .isEqualTo(200));
        var deal = api.get("/api/v1/deals/" + dealId, token).body();
        assertThat(deal.get("leadId").asString()).isEqualTo(leadId);
        String traceId = stack.logLine("gateway", "POST /api/v1/leads/" + leadId + "/convert 202")
                .replaceAll(".* trace=([0-9a-f]{32}).*", "$1");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(stack.logLine("deal-service", "opened deal " + dealId))
                        .as("the request's trace goes from the gateway through lead-service, its outbox and Kafka"
                                + " into deal-service's consumer")
                        .contains(traceId));
        String pipelineId = deal.get("pipelineId").asString();

        var moved = api.post("/api/v1/deals/" + dealId + "/stage", token, "{\"stageKey\":\"negotiation\"}");
        assertThat(moved.status()).isEqualTo(200);

        var board = api.get("/api/v1/pipelines/" + pipelineId + "/board", token).body();
        var negotiation = board.get("stages").get(4);
        assertThat(negotiation.get("key").asString()).isEqualTo("negotiation");
        assertThat(negotiation.get("deals").findValuesAsString("id")).contains(dealId);
    }

    @Test
    @Order(6)
    void invitedEmployeesAnswerAnonymouslyAndTheEnpsOfTheirAnswersIsExact() throws Exception {
        var imported = api.send("/api/v1/employees", token, "POST", "text/csv", employeesCsv(12), java.util.Map.of());
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(200);
        var survey = api.post("/api/v1/surveys", token, """
                {"title":"eNPS","kind":"ENPS","cadence":"QUARTERLY","timeZone":"Europe/Berlin",
                 "startsOn":"2099-01-01","audience":{"team":["%s"]}}""".formatted(TEAM));
        assertThat(survey.status()).as(survey.body().toString()).isEqualTo(201);
        String surveyId = survey.body().get("id").asString();

        var run = api.post("/api/v1/surveys/" + surveyId + "/runs", token, null);
        assertThat(run.status()).as(run.body().toString()).isEqualTo(201);
        assertThat(run.body().get("invited").asInt()).isEqualTo(12);

        List<String> links =
                java.nio.file.Files.readAllLines(stack.home().resolve("notifications/survey-invitations.jsonl"))
                        .stream()
                        .filter(line -> line.contains(TEAM_MAIL))
                        .map(line -> line.replaceAll(".*\"link\":\"([^\"]+)\".*", "$1"))
                        .toList();
        assertThat(links).hasSize(12);
        int[] scores = {10, 10, 9, 9, 9, 10, 7, 8, 7, 6, 3, 0}; // 6 promoters, 3 passives, 3 detractors
        for (int i = 0; i < links.size(); i++) {
            String path = links.get(i).substring(links.get(i).indexOf("/api/v1/"));
            var answered =
                    api.post(path, null, "{\"answers\":[{\"questionId\":\"enps\",\"value\":" + scores[i] + "}]}");
            assertThat(answered.status()).as(answered.body().toString()).isEqualTo(204);
        }
        String firstLink = links.getFirst().substring(links.getFirst().indexOf("/api/v1/"));
        assertThat(api.post(firstLink, null, "{\"answers\":[{\"questionId\":\"enps\",\"value\":10}]}")
                        .status())
                .isEqualTo(409);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var enps = api.get("/api/v1/analytics/enps?surveyId=" + surveyId, token);
            assertThat(enps.status()).as(enps.body().toString()).isEqualTo(200);
            assertThat(enps.body().get("responses").asInt()).isEqualTo(12);
            assertThat(enps.body().get("promoters").asInt()).isEqualTo(6);
            assertThat(enps.body().get("passives").asInt()).isEqualTo(3);
            assertThat(enps.body().get("detractors").asInt()).isEqualTo(3);
            assertThat(enps.body().get("score").decimalValue()).isEqualByComparingTo("25");
        });
    }

    @Test
    @Order(7)
    void everyIdBearingEndpointAnswers404ToAnotherTenantAndChangesNothing() throws Exception {
        String leadId = api.post("/api/v1/leads", token, "{\"email\":\"" + UUID.randomUUID() + "@example.com\"}")
                .body()
                .get("id")
                .asString();
        var deal = api.post("/api/v1/deals", token, "{\"title\":\"Tenant A only\"}")
                .body();
        String dealId = deal.get("id").asString();
        String pipelineId = deal.get("pipelineId").asString();
        String activityId = api.post(
                        "/api/v1/deals/" + dealId + "/activities", token, "{\"type\":\"CALL\",\"subject\":\"Call\"}")
                .body()
                .get("id")
                .asString();
        String importId = api.send(
                        "/api/v1/leads/imports",
                        token,
                        "POST",
                        "text/csv",
                        "email\n" + UUID.randomUUID() + "@example.com\n",
                        java.util.Map.of())
                .body()
                .get("id")
                .asString();
        api.send(
                "/api/v1/employees",
                token,
                "POST",
                "text/csv",
                "email,name,userId\nboss" + TEAM_MAIL + ",Boss,boss\nworker" + TEAM_MAIL + ",Worker,worker\n",
                java.util.Map.of());
        var people = api.get("/api/v1/employees?limit=200", token).body().get("items");
        String bossId = null;
        String workerId = null;
        for (var person : people) {
            if (person.get("email").asString().equals("boss" + TEAM_MAIL)) {
                bossId = person.get("id").asString();
            } else if (person.get("email").asString().equals("worker" + TEAM_MAIL)) {
                workerId = person.get("id").asString();
            }
        }
        String surveyId =
                api.post("/api/v1/surveys", token, """
                        {"title":"Pulse","kind":"PULSE","cadence":"ONCE","startsOn":"2099-01-01",
                         "audience":{"all":true},"questions":[{"bankKey":"workload"}]}""").body().get("id").asString();
        String oneOnOneId = api.post(
                        "/api/v1/one-on-ones",
                        token,
                        "{\"managerId\":\"" + bossId + "\",\"reportId\":\"" + workerId
                                + "\",\"cadence\":\"WEEKLY\",\"firstMeetingAt\":\"2099-01-05T09:00:00Z\"}")
                .body()
                .get("id")
                .asString();
        String keyId = api.post("/api/v1/api-keys", token, "{\"name\":\"tenant A's key\"}")
                .body()
                .get("id")
                .asString();

        String secret = java.nio.file.Files.readAllLines(stack.home().resolve("secrets.env")).stream()
                .filter(line -> line.startsWith("STAGEFLOW_JWT_SECRET="))
                .map(line -> line.substring(line.indexOf('=') + 1))
                .findFirst()
                .orElseThrow();
        String other = "Bearer "
                + io.stageflow.testsupport.TestTokens.token(
                        secret,
                        "stageflow",
                        "stageflow-api",
                        "tenant-b-" + UUID.randomUUID(),
                        "mallory",
                        java.time.Instant.now().plusSeconds(600),
                        "ADMIN",
                        "SALES",
                        "MANAGER",
                        "HR");
        String json = "application/json";
        List<String[]> calls = List.of(
                new String[] {"GET", "/api/v1/leads/" + leadId, null},
                new String[] {"PATCH", "/api/v1/leads/" + leadId, "{\"company\":\"Evil\"}"},
                new String[] {"POST", "/api/v1/leads/" + leadId + "/qualify", null},
                new String[] {"POST", "/api/v1/leads/" + leadId + "/disqualify", "{\"reason\":\"spam\"}"},
                new String[] {"POST", "/api/v1/leads/" + leadId + "/convert", "{}"},
                new String[] {"GET", "/api/v1/leads/" + leadId + "/export", null},
                new String[] {"DELETE", "/api/v1/leads/" + leadId, null},
                new String[] {"GET", "/api/v1/leads/imports/" + importId, null},
                new String[] {"GET", "/api/v1/deals/" + dealId, null},
                new String[] {"PATCH", "/api/v1/deals/" + dealId, "{\"title\":\"Evil\"}"},
                new String[] {"POST", "/api/v1/deals/" + dealId + "/stage", "{\"stageKey\":\"proposal\"}"},
                new String[] {"POST", "/api/v1/deals/" + dealId + "/won", null},
                new String[] {"POST", "/api/v1/deals/" + dealId + "/lost", "{\"reason\":\"price\"}"},
                new String[] {"POST", "/api/v1/deals/" + dealId + "/reopen", null},
                new String[] {"POST", "/api/v1/deals/" + dealId + "/activities", "{\"type\":\"CALL\",\"subject\":\"x\"}"
                },
                new String[] {"PATCH", "/api/v1/deals/" + dealId + "/activities/" + activityId, "{\"done\":true}"},
                new String[] {"GET", "/api/v1/pipelines/" + pipelineId, null},
                new String[] {
                    "PUT",
                    "/api/v1/pipelines/" + pipelineId,
                    "{\"name\":\"Evil\",\"kind\":\"SALES\",\"stages\":[{\"key\":\"a\",\"name\":\"A\",\"probability\":10,"
                            + "\"type\":\"OPEN\"},{\"key\":\"won\",\"name\":\"Won\",\"probability\":100,\"type\":\"WON\"},"
                            + "{\"key\":\"lost\",\"name\":\"Lost\",\"probability\":0,\"type\":\"LOST\"}]}"
                },
                new String[] {"GET", "/api/v1/pipelines/" + pipelineId + "/board", null},
                new String[] {"GET", "/api/v1/employees/" + bossId, null},
                new String[] {"PATCH", "/api/v1/employees/" + bossId, "{\"name\":\"Evil\"}"},
                new String[] {"DELETE", "/api/v1/employees/" + bossId, null},
                new String[] {"GET", "/api/v1/surveys/" + surveyId, null},
                new String[] {"PATCH", "/api/v1/surveys/" + surveyId, "{\"active\":false}"},
                new String[] {"POST", "/api/v1/surveys/" + surveyId + "/runs", null},
                new String[] {"GET", "/api/v1/surveys/" + surveyId + "/runs", null},
                new String[] {"GET", "/api/v1/one-on-ones/" + oneOnOneId, null},
                new String[] {"PATCH", "/api/v1/one-on-ones/" + oneOnOneId, "{\"active\":false}"},
                new String[] {"POST", "/api/v1/one-on-ones/" + oneOnOneId + "/agenda", "{\"text\":\"x\"}"},
                new String[] {"POST", "/api/v1/one-on-ones/" + oneOnOneId + "/meetings/1/held", null},
                new String[] {"DELETE", "/api/v1/api-keys/" + keyId, null},
                new String[] {"GET", "/api/v1/analytics/enps?surveyId=" + surveyId, null},
                new String[] {"GET", "/api/v1/analytics/pulse?surveyId=" + surveyId, null});
        for (String[] call : calls) {
            var answer = api.send(call[1], other, call[0], call[2] == null ? null : json, call[2], java.util.Map.of());
            assertThat(answer.status())
                    .as(call[0] + " " + call[1] + " → " + answer.body())
                    .isEqualTo(404);
        }

        assertThat(api.get("/api/v1/leads/" + leadId, token).body().toString()).doesNotContain("Evil");
        assertThat(api.get("/api/v1/deals/" + dealId, token).body().get("title").asString())
                .isEqualTo("Tenant A only");
        assertThat(api.get("/api/v1/employees/" + bossId, token)
                        .body()
                        .get("name")
                        .asString())
                .isEqualTo("Boss");
        assertThat(api.get("/api/v1/surveys/" + surveyId, token)
                        .body()
                        .get("active")
                        .asBoolean())
                .isTrue();
        assertThat(api.get("/api/v1/api-keys", token).body().toString()).contains(keyId);
    }

    @Test
    @Order(8)
    void theBusinessMetricsMoveAndEveryMetricADashboardOrAlertUsesIsExposed() throws Exception {
        for (String outcome : List.of("won", "lost")) {
            String dealId = api.post("/api/v1/deals", token, "{\"title\":\"Metrics " + outcome + "\"}")
                    .body()
                    .get("id")
                    .asString();
            api.post("/api/v1/deals/" + dealId + "/stage", token, "{\"stageKey\":\"proposal\"}");
            assertThat(api.post("/api/v1/deals/" + dealId + "/" + outcome, token, "{\"reason\":\"price\"}")
                            .status())
                    .isEqualTo(200);
        }
        String deals = "http://127.0.0.1:" + stack.portOf("deal-service");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(scrape(deals))
                        .contains("stageflow_deals_won_total{")
                        .contains("stageflow_deals_lost_total{")
                        .contains("stageflow_deals_moved_total{"));

        java.util.Set<String> exposed = new java.util.TreeSet<>();
        for (String url : List.of(
                stack.gatewayUrl(),
                "http://127.0.0.1:" + stack.portOf("lead-service"),
                "http://127.0.0.1:" + stack.portOf("deal-service"),
                "http://127.0.0.1:" + stack.portOf("analytics-service"),
                "http://127.0.0.1:" + stack.portOf("survey-service"))) {
            scrape(url)
                    .lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0])
                    .forEach(exposed::add);
        }
        var used = new java.util.TreeMap<String, String>();
        java.nio.file.Path ops =
                stack.home().getParent().getParent().getParent().resolve("ops");
        try (var dashboards = java.nio.file.Files.list(ops.resolve("grafana/dashboards"))) {
            for (var dashboard : dashboards.toList()) {
                for (var expr : new tools.jackson.databind.json.JsonMapper()
                        .readTree(dashboard.toFile())
                        .findValues("expr")) {
                    metricNames(expr.asString())
                            .forEach(name ->
                                    used.put(name, dashboard.getFileName().toString()));
                }
            }
        }
        java.nio.file.Files.readAllLines(ops.resolve("prometheus/alerts.yml")).stream()
                .filter(line -> line.strip().startsWith("expr:"))
                .forEach(line -> metricNames(line).forEach(name -> used.put(name, "alerts.yml")));

        assertThat(used).hasSizeGreaterThan(15);
        assertThat(used.keySet())
                .as("metrics used by ops/ dashboards and alerts, each exposed by some service")
                .allSatisfy(name -> assertThat(exposed)
                        .as(name + " (" + used.get(name) + ")")
                        .contains(name));
    }

    private static final java.util.regex.Pattern METRIC = java.util.regex.Pattern.compile(
            "\\b((?:stageflow|http|jvm|process|kafka|resilience4j|spring|mongodb)_[a-z0-9_]+)");

    private static List<String> metricNames(String expression) {
        List<String> names = new ArrayList<>();
        var matcher = METRIC.matcher(expression);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static String scrape(String base) throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        return client.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/actuator/prometheus"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
    }

    static final String TEAM = "team-" + UUID.randomUUID().toString().substring(0, 8);
    static final String TEAM_MAIL = "@" + TEAM + ".example.com";

    private static String employeesCsv(int count) {
        StringBuilder csv = new StringBuilder("email,name,team,department,location\n");
        for (int i = 0; i < count; i++) {
            csv.append("person")
                    .append(i)
                    .append(TEAM_MAIL)
                    .append(",Person ")
                    .append(i)
                    .append(',')
                    .append(TEAM)
                    .append(",engineering,Berlin\n");
        }
        return csv.toString();
    }

    @Test
    @Order(9)
    void aRebuildOnTheLaunchersStoreSwitchesToANewGenerationWithTheSameNumbers() {
        var before = api.get("/api/v1/analytics/lead-funnel", token).body();
        assertThat(before.get("created").asLong()).isPositive();

        var started = api.post("/api/v1/analytics/rebuild", token, null);
        assertThat(started.status()).as("%s", started.body()).isEqualTo(202);
        long generation = started.body().get("generation").asLong();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(api.get("/api/v1/analytics/rebuild", token)
                                .body()
                                .get("state")
                                .asString())
                        .isEqualTo("DONE"));

        var after = api.get("/api/v1/analytics/lead-funnel", token).body();
        for (String field : List.of("created", "mql", "sql", "converted", "won", "disqualified")) {
            assertThat(after.get(field).asLong())
                    .as(field)
                    .isEqualTo(before.get(field).asLong());
        }
        assertThat(api.get("/api/v1/analytics/rebuild", token)
                        .body()
                        .get("generation")
                        .asLong())
                .isEqualTo(generation);
    }

    private static long createdLeads() {
        var funnel = api.get("/api/v1/analytics/lead-funnel", token);
        assertThat(funnel.status()).isEqualTo(200);
        return funnel.body().get("created").asLong();
    }
}
