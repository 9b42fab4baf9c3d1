package io.stageflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every service promises operations and security, whatever its domain: it reports health with its
 * MongoDB and Kafka connections, and its API refuses callers without a verified token. A service's
 * integration test implements this with its port and one of its API paths.
 */
public interface ServiceHealthContract {

    /** Any data endpoint of the service. */
    String apiPath();

    @Test
    default void reportsHealthIncludingItsStoreAndBroker(@LocalServerPort int port) {
        var health = new ApiClient("http://localhost:" + port).get("/actuator/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asString()).isEqualTo("UP");
        assertThat(health.body().at("/components/mongo/status").asString()).isEqualTo("UP");
        assertThat(health.body().at("/components/kafka/status").asString()).isEqualTo("UP");
    }

    @Test
    default void refusesItsApiToCallersWithoutAVerifiedToken(@LocalServerPort int port) {
        var api = new ApiClient("http://localhost:" + port);
        String otherKey = "Bearer "
                + TestTokens.token(
                        "not-the-gateways-secret-but-long-enough-0123456789",
                        TestTokens.ISSUER,
                        TestTokens.AUDIENCE,
                        "tenant-a",
                        "eve",
                        java.time.Instant.now().plusSeconds(60),
                        "ADMIN");

        assertThat(api.get(apiPath(), null).status()).isEqualTo(401);
        assertThat(api.get(apiPath(), TestTokens.forgedBearer("tenant-a")).status())
                .isEqualTo(401);
    }
}
