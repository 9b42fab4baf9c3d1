package io.stageflow.lead.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stageflow.testsupport.ApiClient;
import io.stageflow.testsupport.StageflowIntegrationTest;
import io.stageflow.testsupport.TestTokens;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@StageflowIntegrationTest
class ImportIntegrationTests {

    @LocalServerPort
    int port;

    ApiClient api;
    String token;

    @BeforeEach
    void setUp() {
        api = new ApiClient("http://localhost:" + port);
        token = TestTokens.bearer("tenant-" + UUID.randomUUID(), "sam", "SALES");
    }

    @Test
    void importsAGermanSpreadsheetExportReportingEveryFailedRowWithItsLine() {
        String csv = "\uFEFFE-Mail;Vorname;Nachname;Firma;Mitarbeiter;Land;Lieblingsfarbe\r\n"
                + "anna@example.de;Anna;Berg;\"Berg; Söhne AG\";250;de;blau\r\n"
                + "kein-email;Kurt;Klein;Klein KG;5;DE;rot\r\n"
                + "ANNA@example.de;;;;;;grün\r\n"
                + "otto@example.de;Otto;Ost;Ost GmbH;viele;DE;gelb\r\n"
                + "jana@example.at;Jana;Jung;\"Jung\r\nund Partner\";12;AT;\r\n";

        JsonNode progress = await(start(csv, ""));

        assertThat(progress.get("status").asString()).isEqualTo("DONE");
        assertThat(progress.get("rowsTotal").asInt()).isEqualTo(5);
        assertThat(progress.get("rowsDone").asInt()).isEqualTo(5);
        assertThat(progress.get("percent").asInt()).isEqualTo(100);
        assertThat(progress.get("created").asInt()).isEqualTo(2);
        assertThat(progress.get("merged").asInt()).isEqualTo(1);
        assertThat(progress.get("failed").asInt()).isEqualTo(2);
        assertThat(progress.get("failures").findValues("line"))
                .extracting(JsonNode::asInt)
                .containsExactly(3, 5);
        assertThat(progress.get("failures").get(0).get("errors").findValuesAsString("field"))
                .containsExactly("email");
        assertThat(progress.get("failures").get(1).get("errors").findValuesAsString("field"))
                .containsExactly("companySize");

        JsonNode anna = api.get("/api/v1/leads?q=anna@example.de", token)
                .body()
                .get("items")
                .get(0);
        assertThat(anna.get("company").asString()).isEqualTo("Berg; Söhne AG");
        assertThat(anna.get("country").asString()).isEqualTo("DE");
        assertThat(anna.get("source").asString()).isEqualTo("import");
        assertThat(anna.at("/attributes/Lieblingsfarbe").asString()).isEqualTo("grün");
        JsonNode jana = api.get("/api/v1/leads?q=jana@example.at", token)
                .body()
                .get("items")
                .get(0);
        assertThat(jana.get("company").asString()).isEqualTo("Jung\r\nund Partner");
    }

    @Test
    void columnsCanBeMappedExplicitly() {
        JsonNode progress =
                await(start("Contact,Org\nmia@example.com,Mia Corp\n", "?map.Contact=email&map.Org=company"));

        assertThat(progress.get("created").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/leads", token).body().at("/items/0/company").asString())
                .isEqualTo("Mia Corp");
    }

    @Test
    void refusesWhatIsNotAUsableCsvBeforeImportingAnything() {
        byte[] notUtf8 = {(byte) 0xC3, (byte) 0x28, 0x0A, 0x41};
        var binary = api.send("/api/v1/leads/imports", token, "POST", "text/csv", notUtf8, Map.of());
        var noEmail = api.send("/api/v1/leads/imports", token, "POST", "text/csv", "name,company\nA,B\n", Map.of());
        var badMapping = api.send(
                "/api/v1/leads/imports?map.name=shoeSize",
                token,
                "POST",
                "text/csv",
                "email,name\na@b.de,A\n",
                Map.of());
        var unclosed =
                api.send("/api/v1/leads/imports", token, "POST", "text/csv", "email,name\n\"a@b.de,A\n", Map.of());
        var json = api.post("/api/v1/leads/imports", token, "{\"email\":\"a@b.de\"}");

        assertThat(noEmail.status()).isEqualTo(400);
        assertThat(noEmail.body().get("errors").findValuesAsString("field")).containsExactly("header");
        assertThat(badMapping.status()).isEqualTo(400);
        assertThat(badMapping.body().get("errors").findValuesAsString("field")).containsExactly("map.name");
        assertThat(unclosed.status()).isEqualTo(400);
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.contentType()).startsWith("application/problem+json");
        assertThat(binary.status()).isEqualTo(400);
        assertThat(binary.body().get("errors").findValuesAsString("message"))
                .anySatisfy(m -> assertThat(m).contains("UTF-8"));
        assertThat(api.get("/api/v1/leads", token).body().get("items")).isEmpty();
    }

    private String start(String csv, String query) {
        var started =
                api.send("/api/v1/leads/imports" + query, token, "POST", "text/csv; charset=utf-8", csv, Map.of());
        assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
        assertThat(started.location())
                .isEqualTo("/api/v1/leads/imports/" + started.body().get("id").asString());
        return started.location();
    }

    private JsonNode await(String location) {
        return org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get(location, token).body(),
                        body -> !"RUNNING".equals(body.get("status").asString()));
    }
}
