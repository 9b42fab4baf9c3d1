package io.stageflow.survey.oneonones;

import static org.assertj.core.api.Assertions.assertThat;

import io.stageflow.testsupport.ApiClient;
import io.stageflow.testsupport.ApiClient.Response;
import io.stageflow.testsupport.StageflowIntegrationTest;
import io.stageflow.testsupport.TestTokens;
import io.stageflow.testsupport.TopicReader;
import io.stageflow.testsupport.TopicReader.Received;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** One-on-ones as the manager, the report, HR and outsiders see them. */
@StageflowIntegrationTest
@TestPropertySource(properties = "stageflow.survey.scheduler-enabled=false")
class OneOnOneIntegrationTests {

    @LocalServerPort
    int port;

    ApiClient api;
    String tenant;
    String hr;
    String manager;
    String report;
    String colleague;
    String managerId;
    String reportId;

    @BeforeEach
    void team() {
        api = new ApiClient("http://localhost:" + port);
        tenant = "tenant-" + UUID.randomUUID();
        hr = TestTokens.bearer(tenant, "hilde", "HR");
        Response imported = api.post("/api/v1/employees", hr, """
                [{"email":"maria@example.com","name":"Maria Manager","userId":"maria","team":"platform"},
                 {"email":"ravi@example.com","name":"Ravi Report","userId":"ravi","team":"platform","managerEmail":"maria@example.com"},
                 {"email":"carl@example.com","name":"Carl Colleague","userId":"carl","team":"platform"}]
                """);
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(200);
        JsonNode people = api.get("/api/v1/employees", hr).body().get("items");
        for (JsonNode person : people) {
            switch (person.get("userId").asString()) {
                case "maria" -> managerId = person.get("id").asString();
                case "ravi" -> {
                    reportId = person.get("id").asString();
                    assertThat(person.get("managerId").asString())
                            .as("manager resolved from the email")
                            .isNotBlank();
                }
                default -> {}
            }
        }
        manager = TestTokens.bearer(tenant, "maria", "SALES");
        report = TestTokens.bearer(tenant, "ravi", "SALES");
        colleague = TestTokens.bearer(tenant, "carl", "SALES");
    }

    @Test
    void aPrivateNoteIsReadableByItsAuthorOnlyNotByTheOtherParticipantNorHrNorAdmins() {
        String id = start(manager);

        assertThat(put(id, "/meetings/1/private-note", manager, "Ravi seems tired; ask about workload")
                        .status())
                .isEqualTo(200);
        assertThat(put(id, "/meetings/1/private-note", report, "Ask for the conference budget")
                        .status())
                .isEqualTo(200);

        assertThat(api.get("/api/v1/one-on-ones/" + id, manager).body().toString())
                .contains("Ravi seems tired")
                .doesNotContain("conference budget");
        assertThat(api.get("/api/v1/one-on-ones/" + id, report).body().toString())
                .contains("conference budget")
                .doesNotContain("Ravi seems tired");
        for (String administrator : List.of(hr, TestTokens.bearer(tenant, "ada", "ADMIN", "HR", "MANAGER"))) {
            JsonNode seen = api.get("/api/v1/one-on-ones/" + id, administrator).body();
            assertThat(seen.get("role").asString()).isEqualTo("ADMINISTRATOR");
            assertThat(seen.toString()).doesNotContain("tired").doesNotContain("budget");
            assertThat(api.get("/api/v1/one-on-ones", administrator).body().toString())
                    .doesNotContain("tired")
                    .doesNotContain("budget");
        }
        assertThat(put(id, "/meetings/1/private-note", hr, "HR note").status()).isEqualTo(403);
    }

    @Test
    void outsidersDoNotSeeTheOneOnOneAtAllAndAnotherTenantNeither() {
        String id = start(hr);

        assertThat(api.get("/api/v1/one-on-ones/" + id, colleague).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/one-on-ones", colleague).body().get("items"))
                .isEmpty();
        assertThat(api.get("/api/v1/one-on-ones/" + id, TestTokens.bearer("tenant-" + UUID.randomUUID(), "maria", "HR"))
                        .status())
                .isEqualTo(404);
        assertThat(api.post("/api/v1/one-on-ones/" + id + "/agenda", colleague, "{\"text\":\"hi\"}")
                        .status())
                .isEqualTo(404);
        Response byColleague = api.post(
                "/api/v1/one-on-ones",
                colleague,
                "{\"managerId\":\"" + managerId + "\",\"reportId\":\"" + reportId
                        + "\",\"cadence\":\"WEEKLY\",\"firstMeetingAt\":\"" + nextWeek() + "\"}");
        assertThat(byColleague.status()).isEqualTo(403);
    }

    @Test
    void sharedAgendaAndOpenActionItemsCarryOverAndAHeldMeetingPublishesOnlyManagerAndMonth() {
        String id = start(manager);
        api.post("/api/v1/one-on-ones/" + id + "/agenda", report, "{\"text\":\"Career path\"}");
        api.post("/api/v1/one-on-ones/" + id + "/agenda", manager, "{\"text\":\"Q3 goals\"}");
        JsonNode withItems = api.post(
                        "/api/v1/one-on-ones/" + id + "/action-items",
                        manager,
                        "{\"text\":\"Find a mentor\",\"ownerId\":\"" + reportId + "\",\"dueOn\":\"2030-01-31\"}")
                .body();
        String itemId = withItems.get("openActionItems").get(0).get("id").asString();
        api.post("/api/v1/one-on-ones/" + id + "/action-items", report, "{\"text\":\"Book training\"}");
        assertThat(put(id, "/meetings/1/shared-notes", report, "We agreed on a mentor")
                        .status())
                .isEqualTo(200);

        JsonNode afterMeeting = api.post("/api/v1/one-on-ones/" + id + "/meetings/1/held", manager, "")
                .body();
        api.send(
                "/api/v1/one-on-ones/" + id + "/action-items/" + itemId,
                report,
                "PATCH",
                "application/json",
                "{\"done\":true}",
                Map.of());

        JsonNode now = api.get("/api/v1/one-on-ones/" + id, report).body();
        assertThat(afterMeeting.get("nextMeeting").get("number").asInt()).isEqualTo(2);
        assertThat(now.get("nextMeeting").get("agenda")).isEmpty();
        assertThat(now.get("pastMeetings").get(0).get("agenda").findValuesAsString("text"))
                .containsExactly("Career path", "Q3 goals");
        assertThat(now.get("pastMeetings").get(0).get("sharedNotes").asString()).isEqualTo("We agreed on a mentor");
        assertThat(now.get("openActionItems").findValuesAsString("text")).containsExactly("Book training");
        assertThat(now.get("doneActionItems").findValuesAsString("text")).containsExactly("Find a mentor");
        assertThat(api.post("/api/v1/one-on-ones/" + id + "/meetings/1/held", manager, "")
                        .status())
                .as("meeting 1 is over")
                .isEqualTo(409);

        List<Received> held = TopicReader.read(
                        "survey-events",
                        records -> records.stream().anyMatch(r -> id.equals(r.key())),
                        Duration.ofSeconds(15))
                .stream()
                .filter(r -> id.equals(r.key()))
                .toList();
        assertThat(held).hasSize(1);
        assertThat(held.getFirst().header("ce_type")).isEqualTo("stageflow.one-on-one.held");
        assertThat(held.getFirst().body())
                .contains(managerId)
                .contains(YearMonth.now(ZoneOffset.UTC).toString())
                .doesNotContain("Career")
                .doesNotContain("mentor")
                .doesNotContain(reportId);
    }

    @Test
    void badInputNamesTheField() {
        Response sameperson = api.post(
                "/api/v1/one-on-ones",
                hr,
                "{\"managerId\":\"" + managerId + "\",\"reportId\":\"" + managerId
                        + "\",\"cadence\":\"WEEKLY\",\"firstMeetingAt\":\"" + nextWeek() + "\"}");
        assertThat(sameperson.status()).isEqualTo(400);
        assertThat(sameperson.body().get("errors").findValuesAsString("field")).contains("reportId");

        Response badCadence = api.post(
                "/api/v1/one-on-ones",
                hr,
                "{\"managerId\":\"" + managerId + "\",\"reportId\":\"" + reportId
                        + "\",\"cadence\":\"DAILY\",\"firstMeetingAt\":\"" + nextWeek() + "\"}");
        assertThat(badCadence.status()).isEqualTo(400);
        assertThat(badCadence.body().toString()).contains("cadence");

        Response tooLong = api.post(
                "/api/v1/one-on-ones",
                hr,
                "{\"managerId\":\"" + managerId + "\",\"reportId\":\"" + reportId
                        + "\",\"cadence\":\"MONTHLY\",\"durationMinutes\":600,\"firstMeetingAt\":\"" + nextWeek()
                        + "\"}");
        assertThat(tooLong.body().get("errors").findValuesAsString("field")).containsExactly("durationMinutes");
        assertThat(api.get("/api/v1/one-on-ones", hr).body().get("items")).isEmpty();
    }

    private String start(String by) {
        Response created = api.post(
                "/api/v1/one-on-ones",
                by,
                "{\"managerId\":\"" + managerId + "\",\"reportId\":\"" + reportId
                        + "\",\"cadence\":\"BIWEEKLY\",\"timeZone\":\"Europe/Berlin\",\"firstMeetingAt\":\""
                        + nextWeek()
                        + "\"}");
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        assertThat(created.body().get("durationMinutes").asInt()).isEqualTo(60);
        return created.body().get("id").asString();
    }

    private Response put(String id, String path, String token, String text) {
        return api.send(
                "/api/v1/one-on-ones/" + id + path,
                token,
                "PUT",
                "application/json",
                "{\"text\":\"" + text + "\"}",
                Map.of());
    }

    private static String nextWeek() {
        return Instant.now()
                .plus(7, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.HOURS)
                .toString();
    }
}
