package io.stageflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.stageflow.testsupport.StageflowInfrastructureInitializer;
import io.stageflow.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
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
 * A keep-alive connection goes on after the gateway refused a request itself (429): the next request on it is read
 * and answered. Session 9's CI once saw the request after a 429 sit unread for 15 s.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "stageflow.gateway.limits.per-user.per-second=1",
            "stageflow.gateway.limits.per-user.burst=1",
            "stageflow.gateway.limits.per-tenant.per-second=1000",
            "stageflow.gateway.limits.per-tenant.burst=1000"
        })
@ContextConfiguration(initializers = StageflowInfrastructureInitializer.class)
class RefusalKeepAliveTests {

    static final HttpServer LEADS = StandInService.start("{\"items\":[]}", exchange -> {});

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        String leads = "http://127.0.0.1:" + LEADS.getAddress().getPort();
        registry.add("stageflow.gateway.services.lead", () -> leads);
        registry.add("stageflow.gateway.services.deal", () -> leads);
        registry.add("stageflow.gateway.services.survey", () -> leads);
        registry.add("stageflow.gateway.services.analytics", () -> leads);
    }

    @AfterAll
    static void stop() {
        LEADS.stop(0);
    }

    @LocalServerPort
    int port;

    @Test
    void everyRequestAfterA429OnTheSameConnectionIsAnswered() throws Exception {
        String token = TestTokens.bearer("tenant-keepalive", "kim", "SALES");
        Map<String, Integer> outcomes = new TreeMap<>();
        // one client, one request at a time: every request goes on the same keep-alive connection
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
        assertThat(outcomes).containsKey("429").doesNotContainKey("timed out");
    }
}
