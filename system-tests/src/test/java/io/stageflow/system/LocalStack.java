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

    static final int PORT_OFFSET = 10_000;

    private final Path root;
    private final Path home;

    LocalStack() {
        this.root = Path.of("").toAbsolutePath().getParent();
        this.home = root.resolve("system-tests/target/stack");
    }

    String gatewayUrl() {
        return "http://127.0.0.1:" + (8080 + PORT_OFFSET);
    }

    Path home() {
        return home;
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
            env.put("STAGEFLOW_PORT_OFFSET", Integer.toString(PORT_OFFSET));
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
        try {
            return Files.readAllLines(home.resolve("credentials.env")).stream()
                    .filter(line -> !line.startsWith("#") && line.contains("="))
                    .collect(Collectors.toMap(
                            line -> line.substring(0, line.indexOf('=')),
                            line -> line.substring(line.indexOf('=') + 1)));
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
