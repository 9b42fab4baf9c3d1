package io.stageflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** What the harness reads from a running stack's home and how it writes records as Stageflow's producers do. */
final class StackFiles {

    private StackFiles() {}

    /** A {@code NAME=value} file the launcher writes ({@code secrets.env}, {@code credentials.env}). */
    static Map<String, String> readEnv(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.startsWith("#") && line.contains("=")) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return env;
    }

    /** CloudEvents 1.0 binary-mode headers of one event; {@code sequence} only where the stream carries one. */
    static RecordHeaders cloudEventHeaders(
            String id, String source, String type, String subject, String tenant, Long sequence) {
        var headers = new RecordHeaders();
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes(id));
        headers.add("ce_source", bytes(source));
        headers.add("ce_type", bytes(type));
        headers.add("ce_time", bytes(Instant.now().toString()));
        headers.add("ce_subject", bytes(subject));
        headers.add("ce_tenantid", bytes(tenant));
        if (sequence != null) {
            headers.add("ce_sequence", bytes(Long.toString(sequence)));
        }
        headers.add("ce_datacontenttype", bytes("application/json"));
        return headers;
    }

    /**
     * Runs {@code ./stageflow <command>} for the stack in {@code home} (built jars, no rebuild), appending its output
     * to {@code log}; fails when it does not succeed within 5 minutes.
     */
    static void launcher(Path root, Path home, int portOffset, String command, Path log) throws Exception {
        var builder = new ProcessBuilder("./stageflow", command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("STAGEFLOW_HOME", home.toString());
        builder.environment().put("STAGEFLOW_PORT_OFFSET", Integer.toString(portOffset));
        builder.environment().put("STAGEFLOW_SKIP_BUILD", "1");
        var process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("./stageflow " + command + " failed; see " + log);
        }
    }

    static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
