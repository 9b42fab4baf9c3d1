package io.stageflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.stageflow.testsupport.ApiClient;
import io.stageflow.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The gateway in front of four recording upstreams standing in for the services. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "stageflow.security.jwt.secret=" + TestTokens.SECRET,
            "stageflow.gateway.dev-auth.enabled=true",
            "stageflow.gateway.dev-auth.users[0].username=dev",
            "stageflow.gateway.dev-auth.users[0].password=dev-password",
            "stageflow.gateway.dev-auth.users[0].tenant=tenant-dev",
            "stageflow.gateway.dev-auth.users[0].roles=ADMIN"
        })
class GatewayRoutingTests {

    record Call(String service, String path, String authorization) {}

    static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    static final Map<String, HttpServer> UPSTREAMS = Map.of(
            "lead",
            upstream("lead"),
            "deal",
            upstream("deal"),
            "analytics",
            upstream("analytics"),
            "survey",
            upstream("survey"));

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        UPSTREAMS.forEach((name, server) -> registry.add(
                "stageflow.gateway.services." + name,
                () -> "http://127.0.0.1:" + server.getAddress().getPort()));
    }

    @AfterAll
    static void stopUpstreams() {
        UPSTREAMS.values().forEach(server -> server.stop(0));
    }

    @LocalServerPort
    int port;

    ApiClient api;
    String token = TestTokens.bearer("tenant-a", "sam", "SALES");

    @BeforeEach
    void setUp() {
        api = new ApiClient("http://localhost:" + port);
        CALLS.clear();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "/api/v1/leads, lead",
        "/api/v1/leads/42, lead",
        "/api/v1/intake/leads, lead",
        "/api/v1/pipelines, deal",
        "/api/v1/deals/7/stage, deal",
        "/api/v1/analytics/lead-funnel, analytics",
        "/api/v1/employees, survey",
        "/api/v1/surveys/3, survey",
        "/api/v1/one-on-ones, survey"
    })
    void routesEachPathToItsServiceWithTheCallersToken(String path, String service) {
        var response = api.get(path, token);

        assertThat(response.status()).isEqualTo(200);
        assertThat(CALLS).containsExactly(new Call(service, path, token));
    }

    @Test
    void rejectsCallsWithoutAValidTokenBeforeAnyServiceSeesThem() {
        String forged = TestTokens.forgedBearer("tenant-a");

        assertThat(api.get("/api/v1/leads", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/leads", forged).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/leads", "Bearer not-a-jwt").status()).isEqualTo(401);
        assertThat(CALLS).isEmpty();
    }

    @Test
    void anonymousSurveyResponsesPassWithoutATokenButNothingElseDoes() {
        assertThat(api.post("/api/v1/responses/abc123", null, "{}").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/responses/abc123", null).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/responses", null).status()).isEqualTo(401);
        assertThat(api.send("/api/v1/responses/abc123", null, "DELETE", null, (String) null, java.util.Map.of())
                        .status())
                .isEqualTo(401);
        assertThat(CALLS)
                .extracting(Call::path)
                .containsExactly("/api/v1/responses/abc123", "/api/v1/responses/abc123");
    }

    @Test
    void issuesDevTokensThatTheGatewayAccepts() {
        var issued = api.post("/api/v1/auth/token", null, "{\"username\":\"dev\",\"password\":\"dev-password\"}");

        assertThat(issued.status()).isEqualTo(200);
        assertThat(issued.body().get("tenant").asString()).isEqualTo("tenant-dev");
        String bearer = "Bearer " + issued.body().get("accessToken").asString();
        assertThat(api.get("/api/v1/leads", bearer).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/auth/token", null, "{\"username\":\"dev\",\"password\":\"guess\"}")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void healthIsOpenAndUnknownPathsAreNotRouted() {
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/unknown", token).status()).isEqualTo(404);
        assertThat(CALLS).isEmpty();
    }

    private static HttpServer upstream(String service) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                CALLS.add(new Call(
                        service,
                        exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization")));
                byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
