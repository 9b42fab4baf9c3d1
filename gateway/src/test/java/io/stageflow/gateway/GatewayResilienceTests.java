package io.stageflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.stageflow.testsupport.ApiClient;
import io.stageflow.testsupport.StageflowInfrastructureInitializer;
import io.stageflow.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Limits and failure isolation: a client over its quota gets 429 with {@code Retry-After} while another
 * tenant goes on, and a service that is down answers 503 at once while the others answer normally.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "stageflow.gateway.limits.per-user.per-second=1",
            "stageflow.gateway.limits.per-user.burst=5",
            "stageflow.gateway.limits.per-tenant.per-second=1",
            "stageflow.gateway.limits.per-tenant.burst=8"
        })
@ContextConfiguration(initializers = StageflowInfrastructureInitializer.class)
class GatewayResilienceTests {

    static final HttpServer LEADS = StandInService.start("{\"items\":[]}", exchange -> {});
    static final int DEAD_PORT = freePort();

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        String leads = "http://127.0.0.1:" + LEADS.getAddress().getPort();
        registry.add("stageflow.gateway.services.lead", () -> leads);
        registry.add("stageflow.gateway.services.deal", () -> leads);
        registry.add("stageflow.gateway.services.survey", () -> leads);
        registry.add("stageflow.gateway.services.analytics", () -> "http://127.0.0.1:" + DEAD_PORT);
    }

    @AfterAll
    static void stop() {
        LEADS.stop(0);
    }

    @LocalServerPort
    int port;

    @Test
    void aClientOverItsQuotaGets429WithRetryAfterWhileAnotherTenantGoesOn() {
        var api = new ApiClient("http://localhost:" + port);
        String noisy = TestTokens.bearer("tenant-noisy", "nick", "SALES");
        String noisyColleague = TestTokens.bearer("tenant-noisy", "nora", "SALES");
        String quiet = TestTokens.bearer("tenant-quiet", "quinn", "SALES");

        List<Integer> statuses = new ArrayList<>();
        String retryAfter = null;
        for (int i = 0; i < 20; i++) {
            var response = api.get("/api/v1/leads", noisy);
            statuses.add(response.status());
            if (response.status() == 429) {
                retryAfter = response.headers().get("Retry-After");
                assertThat(response.contentType()).startsWith("application/problem+json");
            }
        }

        assertThat(statuses.subList(0, 5)).containsOnly(200);
        assertThat(statuses.subList(5, 20))
                .as("within a second, over the burst of 5")
                .contains(429);
        assertThat(statuses.stream().filter(s -> s == 429).count()).isGreaterThanOrEqualTo(13);
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 2);
        assertThat(api.get("/api/v1/leads", noisyColleague).status())
                .as("the tenant's own bucket (8) still has room for a colleague")
                .isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(api.get("/api/v1/leads", quiet).status())
                    .as("another tenant")
                    .isEqualTo(200);
        }
    }

    /**
     * Session 9's CI once saw the request after a 429 sit unread for 15 s on its keep-alive connection, and session
     * 10's CI twice (reactor-netty issue 4361: a request answered at once can leave the connection unread). One
     * client, one request at a time, mostly refused with 429: every request must be answered.
     */
    @Test
    void everyRequestAfterA429OnTheSameConnectionIsAnswered() throws Exception {
        String token = TestTokens.bearer("tenant-keepalive", "kim", "SALES");
        Map<String, Integer> outcomes = new TreeMap<>();
        try (HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int i = 0; i < 600; i++) {
                var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/leads"))
                        .timeout(Duration.ofSeconds(3))
                        .header("Authorization", token)
                        .build();
                String outcome;
                try {
                    outcome = String.valueOf(client.send(request, HttpResponse.BodyHandlers.discarding())
                            .statusCode());
                } catch (HttpTimeoutException e) {
                    outcome = "timed out";
                }
                outcomes.merge(outcome, 1, Integer::sum);
            }
        }
        assertThat(outcomes).containsKeys("200", "429").doesNotContainKey("timed out");
    }

    @Test
    void aServiceThatIsDownAnswers503WithinASecondAndTheOthersAnswerNormally() {
        var api = new ApiClient("http://localhost:" + port);
        for (int i = 0; i < 12; i++) {
            // a tenant each, so the rate limits of this test class stay out of the way
            String manager = TestTokens.bearer("tenant-ops-" + i, "mia", "MANAGER");
            long started = System.nanoTime();
            var down = api.get("/api/v1/analytics/funnel", manager);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(down.status()).isEqualTo(503);
            assertThat(down.contentType()).startsWith("application/problem+json");
            assertThat(down.headers().get("Retry-After"))
                    .as(down.body().toString())
                    .isNotBlank();
            assertThat(down.body().toString()).doesNotContain("Exception").doesNotContain("127.0.0.1");
            assertThat(took).isLessThan(Duration.ofSeconds(1));
        }
        assertThat(api.get("/api/v1/deals", TestTokens.bearer("tenant-ops", "sam", "SALES"))
                        .status())
                .isEqualTo(200);
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
