package io.stageflow.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The whole stack as a user runs it: {@code ./stageflow} from the repository root, in its own home directory
 * and with all ports moved by an offset, so it never collides with a stack a developer has running.
 */
final class LocalStack {

    private final Path root;
    private final Path home;
    private final int portOffset;

    LocalStack() {
        this("stack", 10_000);
    }

    /** A stack of its own: its home under {@code system-tests/target/<name>}, every port moved by the offset. */
    LocalStack(String name, int portOffset) {
        this.root = Path.of("").toAbsolutePath().getParent();
        this.home = root.resolve("system-tests/target/" + name);
        this.portOffset = portOffset;
    }

    String gatewayUrl() {
        return "http://127.0.0.1:" + (8080 + portOffset);
    }

    /** Where the launcher's instance of a service listens (8081 lead … 8084 survey, moved by the offset). */
    int portOf(String service) {
        return portOffset
                + switch (service) {
                    case "lead-service" -> 8081;
                    case "deal-service" -> 8082;
                    case "analytics-service" -> 8083;
                    case "survey-service" -> 8084;
                    default -> throw new IllegalArgumentException(service);
                };
    }

    String kafkaBootstrapServers() {
        return "127.0.0.1:" + (9092 + portOffset);
    }

    /**
     * Starts another instance of a service from its jar against this stack's store and broker, configured as
     * the launcher configures its own (same secret, same consumer groups), logging to {@code logs/<name>.log}.
     */
    Process startInstance(String service, String name, int port) {
        try {
            Path jar;
            try (var jars = Files.list(root.resolve(service + "/target"))) {
                jar = jars.filter(file -> file.getFileName().toString().matches(service + "-.*[0-9T]\\.jar"))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("no jar of " + service + "; build first"));
            }
            String java = ProcessHandle.current().info().command().orElse("java");
            var process = new ProcessBuilder(
                            java,
                            "-XX:+UseSerialGC",
                            "-Xms64m",
                            "-Xmx512m",
                            "-XX:TieredStopAtLevel=1",
                            "-jar",
                            jar.toString())
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("logs/" + name + ".log").toFile());
            Map<String, String> env = process.environment();
            env.put("PORT", Integer.toString(port));
            env.put("SERVER_ADDRESS", "127.0.0.1");
            env.put("MONGODB_URI", "mongodb://127.0.0.1:" + (27017 + portOffset));
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers());
            env.put("STAGEFLOW_JWT_SECRET", secrets().get("STAGEFLOW_JWT_SECRET"));
            return process.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path home() {
        return home;
    }

    /** The repository, where {@code ./stageflow} is. */
    Path root() {
        return root;
    }

    /** Runs a launcher command, echoing its output, and returns that output. */
    String run(String... command) {
        try {
            Files.createDirectories(home);
            Path output = home.resolve("launcher-" + command[0] + ".log");
            var process = new ProcessBuilder(Stream.concat(Stream.of("./stageflow"), Stream.of(command))
                            .toList())
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            Map<String, String> env = process.environment();
            env.put("STAGEFLOW_HOME", home.toString());
            env.put("STAGEFLOW_PORT_OFFSET", Integer.toString(portOffset));
            env.put("STAGEFLOW_SKIP_BUILD", "1");
            env.remove("MONGODB_URI");
            env.remove("KAFKA_BOOTSTRAP_SERVERS");
            Process started = process.start();
            if (!started.waitFor(Duration.ofMinutes(6).toMillis(), TimeUnit.MILLISECONDS)) {
                started.destroyForcibly();
                throw new IllegalStateException("./stageflow " + String.join(" ", command) + " did not finish");
            }
            String text = Files.readString(output);
            System.out.println("[stageflow " + String.join(" ", command) + "]\n" + text);
            if (started.exitValue() != 0) {
                throw new IllegalStateException("./stageflow " + String.join(" ", command) + " failed:\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Map<String, String> credentials() {
        return readEnvFile("credentials.env");
    }

    private Map<String, String> secrets() {
        return readEnvFile("secrets.env");
    }

    private Map<String, String> readEnvFile(String file) {
        try {
            return Files.readAllLines(home.resolve(file)).stream()
                    .filter(line -> !line.startsWith("#") && line.contains("="))
                    .collect(Collectors.toMap(
                            line -> line.substring(0, line.indexOf('=')),
                            line -> line.substring(line.indexOf('=') + 1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The newest line of a component's log that contains {@code text}; fails when there is none. */
    String logLine(String component, String text) {
        try (var lines = Files.lines(home.resolve("logs/" + component + ".log"))) {
            return lines.filter(line -> line.contains(text))
                    .reduce((first, second) -> second)
                    .orElseThrow(() -> new AssertionError(component + "'s log has no line with: " + text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pidOf(String component) {
        try {
            return Long.parseLong(
                    Files.readString(home.resolve("run/" + component + ".pid")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
