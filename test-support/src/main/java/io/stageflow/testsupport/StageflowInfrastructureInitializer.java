package io.stageflow.testsupport;

import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring context at the shared test broker and store. Each context gets its own database, so
 * test classes never see each other's documents, and the test signing key for bearer tokens.
 */
public class StageflowInfrastructureInitializer
        implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var endpoints = TestInfrastructure.endpoints();
        String database =
                "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String mongoUri = endpoints.mongoUri().replace("/stageflow_test", "/" + database);
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "stageflowTestInfrastructure",
                        Map.of(
                                "spring.kafka.bootstrap-servers",
                                endpoints.kafkaBootstrapServers(),
                                "spring.mongodb.uri",
                                mongoUri,
                                // a service's application.yml names its database, which would win over the URI's
                                "spring.mongodb.database",
                                database,
                                "stageflow.security.jwt.secret",
                                TestTokens.SECRET)));
    }
}
