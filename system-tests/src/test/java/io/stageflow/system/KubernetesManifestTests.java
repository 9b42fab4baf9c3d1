package io.stageflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * ops/k8s is read the way kubectl would read it, and checked against the services' own configuration: ports,
 * probes, every environment variable a service is given is one it reads, every ConfigMap or Secret key it
 * references exists, and the autoscaler and Service point at the Deployment.
 */
class KubernetesManifestTests {

    static final Path K8S = DockerComposeTests.ROOT.resolve("ops/k8s");

    @ParameterizedTest
    @ValueSource(strings = {"gateway", "lead-service", "deal-service", "analytics-service", "survey-service"})
    void eachServiceHasAProbedDeploymentAServiceAndAnAutoscalerThatFitItsConfiguration(String name) throws IOException {
        List<Map<String, Object>> documents = load(K8S.resolve(name + ".yaml"));
        Map<String, Object> deployment = kind(documents, "Deployment");
        Map<String, Object> service = kind(documents, "Service");
        Map<String, Object> autoscaler = kind(documents, "HorizontalPodAutoscaler");
        Map<String, Object> container =
                map(list(map(map(map(deployment.get("spec")).get("template")).get("spec"))
                                .get("containers"))
                        .getFirst());
        int port = DockerComposeTests.defaultPort(name);

        assertThat(map(list(container.get("ports")).getFirst()).get("containerPort"))
                .isEqualTo(port);
        assertThat(map(list(map(service.get("spec")).get("ports")).getFirst()).get("port"))
                .isEqualTo(port);
        assertThat(path(container, "livenessProbe")).isEqualTo("/actuator/health/liveness");
        assertThat(path(container, "readinessProbe")).isEqualTo("/actuator/health/readiness");
        assertThat(map(map(container.get("resources")).get("requests"))).containsKeys("cpu", "memory");
        assertThat(map(map(container.get("resources")).get("limits"))).containsKey("memory");
        assertThat(map(map(autoscaler.get("spec")).get("scaleTargetRef")).get("name"))
                .isEqualTo(name);
        assertThat(map(map(autoscaler.get("spec"))).get("minReplicas")).isEqualTo(2);

        String configuration =
                Files.readString(DockerComposeTests.ROOT.resolve(name + "/src/main/resources/application.yml"))
                        + (name.equals("gateway")
                                ? ""
                                : Files.readString(DockerComposeTests.ROOT.resolve(
                                        "platform/src/main/resources/stageflow-defaults.yml")));
        Map<String, Object> configMap =
                map(kind(load(K8S.resolve("config.yaml")), "ConfigMap").get("data"));
        Map<String, Object> secret =
                map(kind(load(K8S.resolve("secrets.example.yaml")), "Secret").get("stringData"));
        for (Object entry : list(container.get("env"))) {
            String variable = map(entry).get("name").toString();
            if (!variable.equals("JAVA_TOOL_OPTIONS")) {
                assertThat(configuration).as("%s reads %s", name, variable).contains("${" + variable + ":");
            }
            Map<String, Object> from = map(map(entry).get("valueFrom"));
            if (from.containsKey("configMapKeyRef")) {
                assertThat(configMap)
                        .containsKey(map(from.get("configMapKeyRef")).get("key").toString());
            }
            if (from.containsKey("secretKeyRef")) {
                assertThat(secret)
                        .containsKey(map(from.get("secretKeyRef")).get("key").toString());
            }
        }
    }

    private static String path(Map<String, Object> container, String probe) {
        return map(map(container.get(probe)).get("httpGet")).get("path").toString();
    }

    private static Map<String, Object> kind(List<Map<String, Object>> documents, String kind) {
        return documents.stream()
                .filter(document -> kind.equals(document.get("kind")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind));
    }

    private static List<Map<String, Object>> load(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(Files.readString(file))) {
            documents.add(map(document));
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }
}
