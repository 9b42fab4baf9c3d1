package io.stageflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs here, so docker-compose.yml is checked by reading it: its services, ports and
 * environment must match what the services' own configuration expects.
 */
class DockerComposeTests {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final List<String> SERVICES = List.of("lead-service", "deal-service", "analytics-service", "survey-service");

    final Map<String, Object> compose = load(ROOT.resolve("docker-compose.yml"));
    final Map<String, Object> services = map(compose.get("services"));

    @Test
    void runsKafkaAMongoReplicaSetTheFiveServicesAndMonitoring() {
        assertThat(services.keySet())
                .contains("kafka", "mongo", "gateway", "prometheus", "grafana")
                .containsAll(SERVICES);
        assertThat(map(map(services.get("kafka")).get("environment")).get("KAFKA_PROCESS_ROLES"))
                .as("KRaft, no ZooKeeper")
                .isEqualTo("broker,controller");
        assertThat(map(services.get("mongo")).get("command").toString()).contains("--replSet");
        assertThat(map(map(services.get("mongo")).get("healthcheck"))
                        .get("test")
                        .toString())
                .as("the compose file initialises the replica set itself")
                .contains("rs.initiate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lead-service", "deal-service", "analytics-service", "survey-service"})
    void eachServiceGetsItsOwnPortAndTheSharedInfrastructure(String name) throws IOException {
        Map<String, Object> service = map(services.get(name));
        Map<String, Object> env = map(service.get("environment"));
        int port = defaultPort(name);

        assertThat(env.get("PORT")).isEqualTo(port);
        assertThat(env.get("MONGODB_URI").toString())
                .startsWith("mongodb://mongo:27017/")
                .contains("replicaSet=rs0");
        assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092");
        assertThat(env.get("STAGEFLOW_JWT_SECRET").toString()).startsWith("${STAGEFLOW_JWT_SECRET:?");
        assertThat(service).as("%s is reachable only through the gateway", name).doesNotContainKey("ports");
        assertThat(map(service.get("healthcheck")).get("test").toString())
                .contains("localhost:" + port + "/actuator/health");
        assertThat(map(service.get("depends_on")).keySet()).contains("kafka", "mongo");
        assertThat(map(map(service.get("build")).get("args")).get("SERVICE")).isEqualTo(name);
    }

    @Test
    void gatewayIsPublishedOnItsPortAndRoutesToEveryServiceWhereItListens() throws IOException {
        Map<String, Object> gateway = map(services.get("gateway"));
        Map<String, Object> env = map(gateway.get("environment"));
        int port = defaultPort("gateway");

        assertThat(gateway.get("ports")).isEqualTo(List.of(port + ":" + port));
        assertThat(env.get("PORT")).isEqualTo(port);
        for (String service : SERVICES) {
            String variable = service.substring(0, service.indexOf('-')).toUpperCase() + "_SERVICE_URL";
            assertThat(env.get(variable)).isEqualTo("http://" + service + ":" + defaultPort(service));
            String gatewayConfig = Files.readString(ROOT.resolve("gateway/src/main/resources/application.yml"));
            assertThat(gatewayConfig).as("the gateway reads %s", variable).contains("${" + variable + ":");
        }
    }

    @Test
    void prometheusScrapesEveryServiceWhereComposeRunsIt() throws IOException {
        String prometheus = Files.readString(ROOT.resolve("ops/prometheus/prometheus.yml"));
        for (String service :
                List.of("gateway", "lead-service", "deal-service", "analytics-service", "survey-service")) {
            assertThat(prometheus).contains(service + ":" + defaultPort(service));
        }
    }

    /** The port a service listens on unless told otherwise: {@code server.port: ${PORT:nnnn}} in its application.yml. */
    static int defaultPort(String service) throws IOException {
        String config = Files.readString(ROOT.resolve(service + "/src/main/resources/application.yml"));
        Matcher port = Pattern.compile("port: \\$\\{PORT:(\\d+)}").matcher(config);
        assertThat(port.find())
                .as("%s declares server.port as ${PORT:…}", service)
                .isTrue();
        return Integer.parseInt(port.group(1));
    }

    private static Map<String, Object> load(Path file) {
        try (var in = Files.newInputStream(file)) {
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
