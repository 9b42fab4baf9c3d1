package io.stageflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.stageflow.testsupport.ApiClient;
import io.stageflow.testsupport.StageflowInfrastructureInitializer;
import io.stageflow.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The gateway in front of four recording upstreams standing in for the services. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "stageflow.gateway.dev-auth.enabled=true",
            "stageflow.gateway.cors.allowed-origins=https://app.example.com",
            "stageflow.gateway.dev-auth.users[0].username=dev",
            "stageflow.gateway.dev-auth.users[0].password=dev-password",
            "stageflow.gateway.dev-auth.users[0].tenant=tenant-dev",
            "stageflow.gateway.dev-auth.users[0].roles=ADMIN"
        })
@ContextConfiguration(initializers = StageflowInfrastructureInitializer.class)
class GatewayRoutingTests {

    record Call(String service, String path, String authorization, String apiKey, String body) {

        Call(String service, String path, String authorization) {
            this(service, path, authorization, null, null);
        }

        @Override
        public boolean equals(Object other) {
            // the body is looked at where it matters; routing tests compare where a call went and with what token
            return other instanceof Call call
                    && service.equals(call.service)
                    && path.equals(call.path)
                    && java.util.Objects.equals(authorization, call.authorization);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(service, path, authorization);
        }
    }

    static final List<Call> CALLS = new CopyOnWriteArrayList<>();
    static final List<String> TRACEPARENTS = new CopyOnWriteArrayList<>();
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
    String token = TestTokens.bearer("tenant-a", "ada", "ADMIN");

    @BeforeEach
    void setUp() {
        api = new ApiClient("http://localhost:" + port);
        CALLS.clear();
        TRACEPARENTS.clear();
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

    @ParameterizedTest(name = "{0}")
    @CsvSource({"lead-service, lead", "deal-service, deal", "analytics-service, analytics", "survey-service, survey"})
    void eachServicesOpenApiDocumentIsServedThroughTheGatewayForTheSwaggerUi(String service, String upstream) {
        var document = api.get("/v3/api-docs/" + service, null);

        assertThat(document.status()).isEqualTo(200);
        assertThat(CALLS).containsExactly(new Call(upstream, "/v3/api-docs", null));
        var ui = api.get("/v3/api-docs/gateway/swagger-config", null);
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body().toString()).contains("/v3/api-docs/" + service);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void logsEachRequestWithTheTraceIdItCarriesOnToTheService(CapturedOutput output) {
        String traceId = UUID.randomUUID().toString().replace("-", "");

        var response = api.send(
                "/api/v1/leads/l-77",
                token,
                "GET",
                null,
                (String) null,
                Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
        var refused = api.get("/api/v1/leads/l-78?q=ada@example.com", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(TRACEPARENTS)
                .as("the service continues the caller's trace")
                .singleElement()
                .asString()
                .startsWith("00-" + traceId + "-");
        assertThat(refused.status()).isEqualTo(401);
        // the line is written when the exchange completes, which can be just after the client has its answer
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(output.getOut())
                        .containsPattern("GET /api/v1/leads/l-77 200 \\d+ ms trace=" + traceId)
                        .containsPattern("GET /api/v1/leads/l-78 401 \\d+ ms trace=[0-9a-f]{32}")
                        .as("query strings may hold personal data and stay out of the log")
                        .doesNotContain("ada@example.com"));
    }

    @Test
    void servesTheEventContractsAsAsyncApiWithTheSchemasItRefersTo() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, java.net.http.HttpResponse<String>> get = path -> {
            try {
                return http.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };

        var document = get.apply("/asyncapi/asyncapi.yaml");
        var schema = get.apply("/asyncapi/stageflow.lead.created.json");

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("asyncapi: 3.1.0", "$ref: \"./stageflow.lead.created.json\"");
        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(schema.body()).contains("\"title\": \"stageflow.lead.created\"");
        assertThat(get.apply("/asyncapi/../application.yml").statusCode())
                .as("nothing outside the contracts' folder")
                .isIn(400, 404);
        assertThat(CALLS).isEmpty();
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
    void healthIsOpenAndUnknownPathsAreNotRoutedButAnsweredWithProblems() {
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
        var unknown = api.get("/api/v1/unknown", token);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/api/v1/unknown", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/leads", null).contentType()).startsWith("application/problem+json");
        assertThat(CALLS).isEmpty();
    }

    /** Who may call what (issue 7's role matrix), written out here independently of the gateway's table. */
    static final Map<String, List<String>> ALLOWED = new java.util.LinkedHashMap<>();

    static {
        ALLOWED.put("/api/v1/leads", List.of("SALES", "MANAGER", "ADMIN"));
        ALLOWED.put("/api/v1/leads/42/convert", List.of("SALES", "MANAGER", "ADMIN"));
        ALLOWED.put("/api/v1/pipelines", List.of("SALES", "MANAGER", "ADMIN"));
        ALLOWED.put("/api/v1/deals/7/stage", List.of("SALES", "MANAGER", "ADMIN"));
        ALLOWED.put("/api/v1/intake/leads", List.of("INTAKE", "ADMIN"));
        ALLOWED.put("/api/v1/analytics/lead-funnel", List.of("MANAGER", "ADMIN"));
        ALLOWED.put("/api/v1/analytics/funnel", List.of("MANAGER", "ADMIN"));
        ALLOWED.put("/api/v1/analytics/velocity", List.of("MANAGER", "ADMIN"));
        ALLOWED.put("/api/v1/analytics/forecast", List.of("MANAGER", "ADMIN"));
        ALLOWED.put("/api/v1/analytics/enps", List.of("HR", "ADMIN"));
        ALLOWED.put("/api/v1/analytics/pulse", List.of("HR", "ADMIN"));
        ALLOWED.put("/api/v1/analytics/rebuild", List.of("ADMIN"));
        ALLOWED.put("/api/v1/employees", List.of("HR", "ADMIN"));
        ALLOWED.put("/api/v1/surveys/3/runs", List.of("HR", "ADMIN"));
        ALLOWED.put("/api/v1/one-on-ones/5", List.of("SALES", "MANAGER", "HR", "ADMIN"));
        ALLOWED.put("/api/v1/api-keys", List.of("ADMIN"));
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> everyRouteAndRole() {
        return ALLOWED.entrySet().stream()
                .flatMap(route -> java.util.stream.Stream.of("SALES", "MANAGER", "HR", "ADMIN", "INTAKE")
                        .map(role -> org.junit.jupiter.params.provider.Arguments.of(
                                route.getKey(), role, route.getValue().contains(role))));
    }

    @ParameterizedTest(name = "{1} on {0}: allowed {2}")
    @org.junit.jupiter.params.provider.MethodSource("everyRouteAndRole")
    void theRoleMatrixDecidesWhoReachesWhichRoute(String path, String role, boolean allowed) {
        var response = api.get(path, TestTokens.bearer("tenant-a", "someone", role));

        assertThat(response.status()).isEqualTo(allowed ? 200 : 403);
        if (!allowed) {
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(CALLS).isEmpty();
        }
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> badTokens() {
        java.time.Instant soon = java.time.Instant.now().plusSeconds(600);
        String none = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + base64(
                        "{\"iss\":\"stageflow\",\"aud\":[\"stageflow-api\"],\"sub\":\"eve\",\"tenant_id\":\"tenant-a\","
                                + "\"roles\":[\"ADMIN\"],\"exp\":" + soon.getEpochSecond() + "}")
                + ".";
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("missing", null),
                org.junit.jupiter.params.provider.Arguments.of(
                        "expired beyond the 60 s skew",
                        "Bearer "
                                + TestTokens.token(
                                        TestTokens.SECRET,
                                        TestTokens.ISSUER,
                                        TestTokens.AUDIENCE,
                                        "tenant-a",
                                        "eve",
                                        java.time.Instant.now().minusSeconds(120),
                                        "ADMIN")),
                org.junit.jupiter.params.provider.Arguments.of("wrongly signed", TestTokens.forgedBearer("tenant-a")),
                org.junit.jupiter.params.provider.Arguments.of("alg none", "Bearer " + none),
                org.junit.jupiter.params.provider.Arguments.of(
                        "another audience",
                        "Bearer "
                                + TestTokens.token(
                                        TestTokens.SECRET,
                                        TestTokens.ISSUER,
                                        "some-other-api",
                                        "tenant-a",
                                        "eve",
                                        soon,
                                        "ADMIN")),
                org.junit.jupiter.params.provider.Arguments.of(
                        "another issuer",
                        "Bearer "
                                + TestTokens.token(
                                        TestTokens.SECRET,
                                        "https://evil.example",
                                        TestTokens.AUDIENCE,
                                        "tenant-a",
                                        "eve",
                                        soon,
                                        "ADMIN")),
                org.junit.jupiter.params.provider.Arguments.of(
                        "no tenant",
                        "Bearer "
                                + TestTokens.token(
                                        TestTokens.SECRET,
                                        TestTokens.ISSUER,
                                        TestTokens.AUDIENCE,
                                        "",
                                        "eve",
                                        soon,
                                        "ADMIN")));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("badTokens")
    void aTokenThatIsMissingExpiredForgedUnsignedOrForSomeoneElseIs401(String what, String authorization) {
        var refused = api.get("/api/v1/leads", authorization);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(CALLS).isEmpty();
    }

    @Test
    void browsersMayCallOnlyFromTheConfiguredOrigins() {
        var allowed = api.send(
                "/api/v1/leads",
                null,
                "OPTIONS",
                null,
                (String) null,
                Map.of("Origin", "https://app.example.com", "Access-Control-Request-Method", "POST"));
        var foreign = api.send(
                "/api/v1/leads",
                null,
                "OPTIONS",
                null,
                (String) null,
                Map.of("Origin", "https://evil.example", "Access-Control-Request-Method", "POST"));

        assertThat(allowed.headers().get("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.headers()).doesNotContainKey("Access-Control-Allow-Origin");
        var plain = api.get("/api/v1/leads", token);
        assertThat(plain.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(plain.headers()).containsKey("X-Frame-Options");
    }

    private static String base64(String json) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAdminCreatesAnApiKeyThatReachesOnlyTheIntakeAsAMachineOfTheTenant() {
        var created = api.post("/api/v1/api-keys", token, "{\"name\":\"HubSpot\"}");
        assertThat(created.status()).isEqualTo(201);
        String key = created.body().get("key").asString();
        assertThat(key).matches("sfk_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{43}");
        String id = created.body().get("id").asString();
        assertThat(api.get("/api/v1/api-keys", token).body().toString())
                .contains(id)
                .contains("INTAKE")
                .doesNotContain(key.substring(key.lastIndexOf('_') + 1));

        var intake = api.send("/api/v1/intake/leads", null, "POST", "application/json", "{}", Map.of("X-API-Key", key));
        assertThat(intake.status()).isEqualTo(200);
        Call forwarded = CALLS.getFirst();
        assertThat(forwarded.apiKey()).as("services never see the key").isNull();
        String claims = new String(
                java.util.Base64.getUrlDecoder()
                        .decode(forwarded.authorization().split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertThat(claims).contains("\"tenant_id\":\"tenant-a\"").contains("\"roles\":[\"INTAKE\"]");

        assertThat(api.send("/api/v1/leads", null, "GET", null, (String) null, Map.of("X-API-Key", key))
                        .status())
                .isEqualTo(403);
        String forged = key.substring(0, key.length() - 4) + "AAAA";
        assertThat(api.send("/api/v1/intake/leads", null, "POST", "application/json", "{}", Map.of("X-API-Key", forged))
                        .status())
                .isEqualTo(401);
        assertThat(api.delete("/api/v1/api-keys/" + id, TestTokens.bearer("tenant-b", "bob", "ADMIN"))
                        .status())
                .as("another tenant's admin")
                .isEqualTo(404);
        assertThat(api.post(
                                "/api/v1/api-keys",
                                TestTokens.bearer("tenant-a", "sam", "SALES", "MANAGER", "HR"),
                                "{\"name\":\"x\"}")
                        .status())
                .isEqualTo(403);

        assertThat(api.delete("/api/v1/api-keys/" + id, token).status()).isEqualTo(204);
        assertThat(api.send("/api/v1/intake/leads", null, "POST", "application/json", "{}", Map.of("X-API-Key", key))
                        .status())
                .as("a revoked key")
                .isEqualTo(401);
    }

    @Test
    void aKeyThatSignsItsRequestsOnlyGetsThroughWithAFreshValidSignatureAndNeverTwice() throws Exception {
        var created = api.post("/api/v1/api-keys", token, "{\"name\":\"HubSpot webhooks\",\"signRequests\":true}");
        String key = created.body().get("key").asString();
        String secret = created.body().get("signingSecret").asString();
        String body = "{\"externalId\":\"crm-1\",\"email\":\"ada@example.com\"}";
        long now = java.time.Instant.now().getEpochSecond();

        assertThat(intake(key, body, Map.of()).status()).as("unsigned").isEqualTo(401);
        assertThat(intake(key, body, signed(secret, now, body + " ")).status())
                .as("body changed")
                .isEqualTo(401);
        assertThat(intake(key, body, signed(secret, now - 400, body)).status())
                .as("too old")
                .isEqualTo(401);
        assertThat(CALLS).isEmpty();

        var accepted = intake(key, body, signed(secret, now, body));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(CALLS.getFirst().body())
                .as("the service gets the body that was signed")
                .isEqualTo(body);
        var replayed = intake(key, body, signed(secret, now, body));
        assertThat(replayed.status()).as("the same signed request again").isEqualTo(401);
        assertThat(replayed.body().get("detail").asString()).contains("replay");
        assertThat(api.get("/api/v1/api-keys", token).body().toString()).doesNotContain(secret);
    }

    private ApiClient.Response intake(String key, String body, Map<String, String> signature) {
        var headers = new java.util.HashMap<>(signature);
        headers.put("X-API-Key", key);
        return api.send("/api/v1/intake/leads", null, "POST", "application/json", body, headers);
    }

    private static Map<String, String> signed(String secret, long timestamp, String body) throws Exception {
        var mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = java.util.HexFormat.of()
                .formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        return Map.of("X-Stageflow-Timestamp", Long.toString(timestamp), "X-Stageflow-Signature", "v1=" + signature);
    }

    @Test
    void aBodyOverTheCapIsRefusedWith413BeforeAnyServiceSeesIt() {
        String big = "{\"pad\":\"" + "x".repeat(1_100_000) + "\"}";

        var refused = api.post("/api/v1/leads", token, big);

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(CALLS).isEmpty();
    }

    private static HttpServer upstream(String service) {
        return StandInService.start("{\"ok\":true}", exchange -> {
            try {
                String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
                if (traceparent != null) {
                    TRACEPARENTS.add(traceparent);
                }
                CALLS.add(new Call(
                        service,
                        exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        exchange.getRequestHeaders().getFirst("X-API-Key"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
