package io.stageflow.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fault-injection run: leads with about ten events each arrive through both intake doors (HTTP batches, then
 * engagement on {@code lead-intake}) and the API (qualify, convert, disqualify), a share of the intake records is
 * published twice with the same event id, a few records are poison — while the broker is SIGKILLed, every consumer
 * service is SIGKILLed and the store process is frozen (SIGSTOP) for a while, each fault followed by
 * {@code ./stageflow up} bringing back what is missing.
 *
 * <p>Then it checks what a user would: every acknowledged lead exists in the state its acknowledged operations left
 * it in; {@code lead-events} holds every lead's events without a gap; the lead funnel and the deal count analytics
 * answer equal a plain fold over the events actually published (nothing lost, nothing counted twice); the deals
 * deal-service opened are exactly the conversions; intake duplicates changed nothing; exactly the poison records
 * reached the dead-letter topics; consumer lag and the outboxes were back to zero within 60 s of the last fault.
 */
public final class ChaosRun {

    /** The size of the run and its faults. */
    public record Settings(
            int leads,
            int capturesPerLead,
            double duplicateShare,
            int poisonRecords,
            List<Double> brokerKillsAt,
            int killsPerConsumer,
            Duration storePause,
            int operationsPerSecond) {

        /** The issue's run: 10,000 leads, two broker kills, three kills of each consumer, a 30 s freeze. */
        public static Settings full() {
            return new Settings(10_000, 7, 0.05, 10, List.of(0.2, 0.6), 3, Duration.ofSeconds(30), 400);
        }

        /** The version the test command runs: 1,000 leads and one fault of each kind. */
        public static Settings quick() {
            return new Settings(1_000, 7, 0.05, 10, List.of(0.2), 1, Duration.ofSeconds(30), 70);
        }
    }

    /** The figures of the run and the checks that failed (none when it passed). */
    public record Outcome(Map<String, Object> figures, List<String> failures) {

        public boolean passed() {
            return failures.isEmpty();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> CONSUMER_SERVICES = List.of("lead-service", "deal-service", "analytics-service");
    private static final List<String> DEAD_LETTER_TOPICS =
            List.of("lead-intake.dlq", "lead-events.dlq", "deal-events.dlq", "survey-events.dlq");
    private static final Map<String, List<String>> CONSUMED_TOPICS = Map.of(
            "lead-service", List.of("lead-intake"),
            "deal-service", List.of("lead-events"),
            "analytics-service", List.of("lead-events", "deal-events", "survey-events"));
    private static final List<String> RANKED = List.of("NEW", "CONTACTED", "NURTURING", "MQL", "SQL", "CONVERTED");
    private static final Instant CAPTURED_FROM = Instant.parse("2026-06-01T08:00:00Z");

    private final Path root;
    private final Path home;
    private final int portOffset;
    private final Settings settings;
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final String tenant = "chaos-" + run;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> faultLog = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong progress = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private volatile Instant lastFaultOver = Instant.now();

    /**
     * @param root the repository (where {@code ./stageflow} is)
     * @param home the running stack's home ({@code STAGEFLOW_HOME})
     * @param portOffset the stack's {@code STAGEFLOW_PORT_OFFSET}
     */
    public ChaosRun(Path root, Path home, int portOffset, Settings settings) throws IOException {
        this.root = root;
        this.home = home;
        this.portOffset = portOffset;
        this.settings = settings;
        String secret = StackFiles.readEnv(home.resolve("secrets.env")).get("STAGEFLOW_JWT_SECRET");
        this.token = "Bearer " + BenchTokens.sign(secret, tenant, "chaos-operator", "SALES", "MANAGER", "INTAKE");
    }

    public Outcome run() throws Exception {
        figures.put("tenant", tenant);
        figures.put("settings", settings.toString());
        Map<String, Long> deadLettersBefore = endOffsets(DEAD_LETTER_TOPICS);
        long plannedOperations = plannedOperations();
        var faults = new Thread(() -> injectFaults(plannedOperations), "chaos-faults");
        long started = System.nanoTime();
        faults.start();
        Workload workload = new Workload(plannedOperations);
        workload.run();
        figures.put("loadSeconds", (System.nanoTime() - started) / 1e9);
        faults.join();
        figures.put("faults", List.copyOf(faultLog));

        double lagSeconds = awaitDrained();
        figures.put("secondsFromLastFaultToZeroLagAndEmptyOutboxes", lagSeconds);
        if (lagSeconds > 60) {
            failures.add("consumer lag and outboxes were back to zero only " + lagSeconds + " s after the last fault");
        }
        verify(workload, deadLettersBefore);
        figures.put("httpRetries", retries.get());
        figures.put(
                "failures",
                failures.size() <= 20
                        ? List.copyOf(failures)
                        : List.of(failures.size() + " failures, the first: " + failures.subList(0, 20)));
        return new Outcome(figures, failures);
    }

    private long plannedOperations() {
        long api = 0;
        for (int i = 0; i < settings.leads(); i++) {
            api += (qualifies(i) ? 1 : 0) + (converts(i) ? 1 : 0) + (disqualifies(i) ? 1 : 0);
        }
        return settings.leads() + (long) settings.leads() * settings.capturesPerLead() + api;
    }

    private static boolean qualifies(int lead) {
        return lead % 4 == 0 || lead % 4 == 1;
    }

    private static boolean converts(int lead) {
        return lead % 4 == 0;
    }

    private static boolean disqualifies(int lead) {
        return lead % 10 == 3 || lead % 10 == 5; // 3: never qualified; 5 (lead % 4 == 1): disqualified as SQL
    }

    // --- the load -------------------------------------------------------------------------------------------

    /** Leads through both intake doors and the API, paced, with the acknowledgements it got. */
    private final class Workload {

        final long planned;
        final Map<Integer, String> leadIds = new ConcurrentHashMap<>();
        final Set<Integer> qualified = ConcurrentHashMap.newKeySet();
        final Set<Integer> converted = ConcurrentHashMap.newKeySet();
        final Set<Integer> disqualified = ConcurrentHashMap.newKeySet();
        final AtomicLong capturesAcknowledged = new AtomicLong();
        final AtomicLong duplicatesSent = new AtomicLong();
        final Set<String> failedSends = ConcurrentHashMap.newKeySet();
        private final long startedNanos = System.nanoTime();

        Workload(long planned) {
            this.planned = planned;
        }

        void run() throws Exception {
            try (var producer = producer()) {
                createThroughHttpIntake();
                List<ProducerRecord<String, byte[]>> duplicates = new ArrayList<>();
                for (int round = 0; round < settings.capturesPerLead(); round++) {
                    for (int lead = 0; lead < settings.leads(); lead++) {
                        var record = capture(lead, round);
                        send(producer, record, true);
                        if (Math.floorMod((lead * 31 + round * 17), 100) < settings.duplicateShare() * 100) {
                            duplicates.add(record);
                        }
                        if (round == 1 && lead % Math.max(1, settings.leads() / settings.poisonRecords()) == 0) {
                            sendPoison(producer, lead);
                        }
                        if (round == 2 && qualifies(lead)) {
                            act(lead, "qualify", null, 200, qualified);
                        }
                        if (round == 4 && converts(lead) && qualified.contains(lead)) {
                            act(lead, "convert", "{\"title\":\"Chaos deal " + lead + "\"}", 202, converted);
                        }
                        if (round == 4 && disqualifies(lead)) {
                            act(lead, "disqualify", "{\"reason\":\"no budget\"}", 200, disqualified);
                        }
                        advance();
                    }
                    // the same records again, same event ids: marketing automation retrying what it sent
                    for (var duplicate : duplicates) {
                        send(producer, duplicate, false);
                        duplicatesSent.incrementAndGet();
                    }
                    duplicates.clear();
                }
                producer.flush();
            }
        }

        private void createThroughHttpIntake() throws Exception {
            for (int from = 0; from < settings.leads(); from += 100) {
                int to = Math.min(settings.leads(), from + 100);
                ArrayNode batch = JSON.createArrayNode();
                for (int lead = from; lead < to; lead++) {
                    batch.add(person(lead, 0).put("form", "signup"));
                }
                JsonNode answer = untilAcknowledged("POST", "/api/v1/intake/leads", batch.toString(), Set.of(200));
                for (JsonNode result : answer.get("results")) {
                    String outcome = result.get("outcome").asString();
                    if (!outcome.equals("CREATED") && !outcome.equals("MERGED") && !outcome.equals("UNCHANGED")) {
                        throw new IllegalStateException("intake refused a lead: " + result);
                    }
                    leadIds.put(
                            from + result.get("index").asInt(),
                            result.get("leadId").asString());
                }
                for (int lead = from; lead < to; lead++) {
                    advance();
                }
            }
        }

        /** A lead's action through the gateway; a retry after an unknown outcome may find it done already (409). */
        private void act(int lead, String action, String body, int expected, Set<Integer> acknowledged)
                throws Exception {
            String path = "/api/v1/leads/" + leadIds.get(lead) + "/" + action;
            untilAcknowledged("POST", path, body, Set.of(expected));
            acknowledged.add(lead);
            advance();
        }

        private void send(
                KafkaProducer<String, byte[]> producer, ProducerRecord<String, byte[]> record, boolean count) {
            String id = new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
            producer.send(record, (metadata, failure) -> {
                if (failure != null) {
                    failedSends.add(id);
                } else if (count) {
                    capturesAcknowledged.incrementAndGet();
                }
            });
        }

        private void sendPoison(KafkaProducer<String, byte[]> producer, int lead) {
            var headers = cloudEventHeaders("chaos-" + run + "-poison-" + lead, "poison-" + lead);
            producer.send(new ProducerRecord<>(
                    "lead-intake", null, "poison-" + lead, StackFiles.bytes("{\"email\": not json"), headers));
        }

        private ProducerRecord<String, byte[]> capture(int lead, int round) {
            ObjectNode person = person(lead, round + 1);
            String type =
                    List.of("page-visit", "email-click", "form-submission").get(round % 3);
            person.putArray("activities")
                    .addObject()
                    .put("type", type)
                    .put("at", CAPTURED_FROM.plus(Duration.ofHours(round + 1)).toString())
                    .put("count", 1);
            return new ProducerRecord<>(
                    "lead-intake",
                    null,
                    externalId(lead),
                    person.toString().getBytes(StandardCharsets.UTF_8),
                    cloudEventHeaders("chaos-" + run + "-" + lead + "-" + round, externalId(lead)));
        }

        private ObjectNode person(int lead, int hour) {
            ObjectNode person = JSON.createObjectNode()
                    .put("externalId", externalId(lead))
                    .put("email", "lead" + lead + "@" + tenant + ".example")
                    .put("company", "Company " + (lead % 97))
                    .put("jobTitle", lead % 3 == 0 ? "Head of Sales" : "Buyer")
                    .put("country", "DE")
                    .put("source", "chaos")
                    .put(
                            "capturedAt",
                            CAPTURED_FROM.plus(Duration.ofHours(hour)).toString());
            person.putObject("utm").put("campaign", "chaos-" + (lead % 3));
            return person;
        }

        private String externalId(int lead) {
            return "chaos-" + run + "-" + lead;
        }

        /** One operation done; waits so the run keeps its pace (and lasts long enough for the faults). */
        private void advance() throws InterruptedException {
            long done = progress.incrementAndGet();
            long due = startedNanos + done * 1_000_000_000L / settings.operationsPerSecond();
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    }

    private RecordHeaders cloudEventHeaders(String eventId, String subject) {
        return StackFiles.cloudEventHeaders(eventId, "/chaos", "stageflow.lead.captured", subject, tenant, null);
    }

    /**
     * Sends until the gateway answers one of {@code expected}. A refused connection, a time-out or a 5xx (the
     * service restarting, its circuit open, the store frozen) is retried; after such an unknown outcome a 409 means
     * the earlier attempt had done it.
     */
    private JsonNode untilAcknowledged(String method, String path, String body, Set<Integer> expected)
            throws Exception {
        boolean uncertain = false;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var request = HttpRequest.newBuilder(URI.create(gateway() + path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", token)
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build();
                var response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (expected.contains(response.statusCode())) {
                    return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
                }
                if (response.statusCode() == 409 && uncertain) {
                    return JSON.nullNode();
                }
                if (response.statusCode() < 500 && response.statusCode() != 429) {
                    throw new IllegalStateException(
                            method + " " + path + " answered " + response.statusCode() + ": " + response.body());
                }
            } catch (IOException inTransit) {
                // the answer is unknown: the request may or may not have been carried out
            }
            uncertain = true;
            retries.incrementAndGet();
            Thread.sleep(250);
        }
        throw new IllegalStateException(method + " " + path + " was not acknowledged within 5 minutes");
    }

    // --- the faults -------------------------------------------------------------------------------------------

    private record Fault(double at, String name, ThrowingAction action) {}

    @FunctionalInterface
    private interface ThrowingAction {
        void run() throws Exception;
    }

    private void injectFaults(long plannedOperations) {
        List<Fault> faults = new ArrayList<>();
        for (double at : settings.brokerKillsAt()) {
            faults.add(new Fault(at, "SIGKILL kafka", () -> killAndRestart("kafka")));
        }
        for (int round = 0; round < settings.killsPerConsumer(); round++) {
            for (int service = 0; service < CONSUMER_SERVICES.size(); service++) {
                String name = CONSUMER_SERVICES.get(service);
                double at = 0.3
                        + 0.6
                                * (round * CONSUMER_SERVICES.size() + service)
                                / (settings.killsPerConsumer() * CONSUMER_SERVICES.size());
                faults.add(new Fault(at, "SIGKILL " + name, () -> killAndRestart(name)));
            }
        }
        faults.add(new Fault(0.55, "SIGSTOP mongo " + settings.storePause().toSeconds() + " s", this::freezeStore));
        faults.sort(java.util.Comparator.comparingDouble(Fault::at));
        for (Fault fault : faults) {
            try {
                while (progress.get() < fault.at() * plannedOperations) {
                    Thread.sleep(100);
                }
                long began = System.nanoTime();
                double share = progress.get() / (double) plannedOperations;
                fault.action().run();
                lastFaultOver = Instant.now();
                faultLog.add(String.format(
                        "%s at %.0f %% of the load, back after %.1f s",
                        fault.name(), share * 100, (System.nanoTime() - began) / 1e9));
                System.out.println("[chaos] " + faultLog.getLast());
            } catch (Exception e) {
                failures.add("fault " + fault.name() + " could not be carried out: " + e);
            }
        }
    }

    private void killAndRestart(String component) throws Exception {
        long pid = Long.parseLong(
                Files.readString(home.resolve("run/" + component + ".pid")).strip());
        var process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(component + " is not running"));
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
        Thread.sleep(1_000);
        stageflowUp();
    }

    private void freezeStore() throws Exception {
        String pid = Files.readString(home.resolve("run/mongo.pid")).strip();
        signal("STOP", pid);
        try {
            Thread.sleep(settings.storePause().toMillis());
        } finally {
            signal("CONT", pid);
        }
    }

    private static void signal(String signal, String pid) throws Exception {
        int exit = new ProcessBuilder("kill", "-" + signal, pid)
                .inheritIO()
                .start()
                .waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }

    /** {@code ./stageflow up}: starts whatever of the stack is missing and waits until it is healthy. */
    private void stageflowUp() throws Exception {
        StackFiles.launcher(root, home, portOffset, "up", home.resolve("logs/chaos-restarts.log"));
    }

    // --- after the load: drained, then checked ----------------------------------------------------------------

    /** Seconds from the end of the last fault until every consumer group has no lag and no outbox waits. */
    private double awaitDrained() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (totalLag() == 0 && outboxPending() == 0) {
                return Duration.between(lastFaultOver, Instant.now()).toMillis() / 1000.0;
            }
            Thread.sleep(500);
        }
        return Double.POSITIVE_INFINITY;
    }

    private long totalLag() throws Exception {
        long lag = 0;
        try (var admin = admin()) {
            for (var group : CONSUMED_TOPICS.entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
                        .partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (String topic : group.getValue()) {
                    for (var partition : admin.describeTopics(List.of(topic))
                            .allTopicNames()
                            .get(30, TimeUnit.SECONDS)
                            .get(topic)
                            .partitions()) {
                        latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest());
                    }
                }
                var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
                for (var end : ends.entrySet()) {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    lag += end.getValue().offset() - (at == null ? 0 : at.offset());
                }
            }
        }
        return lag;
    }

    private long outboxPending() throws Exception {
        long pending = 0;
        for (int port : List.of(8081, 8082)) {
            var response = http.send(
                    HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + (port + portOffset) + "/actuator/prometheus"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            for (String line : response.body().lines().toList()) {
                if (line.startsWith("stageflow_outbox_pending")) {
                    pending += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return pending;
    }

    private void verify(Workload workload, Map<String, Long> deadLettersBefore) throws Exception {
        if (!workload.failedSends.isEmpty()) {
            failures.add(workload.failedSends.size() + " intake records were never acknowledged by the broker");
        }
        Map<String, LeadHistory> histories = leadEventsOfTheTenant();
        figures.put("leadsAcknowledged", workload.leadIds.size());
        figures.put(
                "leadEventsPublished",
                histories.values().stream().mapToLong(h -> h.events.size()).sum());
        figures.put("intakeRecordsAcknowledged", workload.capturesAcknowledged.get());
        figures.put("intakeDuplicatesSent", workload.duplicatesSent.get());
        figures.put(
                "apiActionsAcknowledged",
                workload.qualified.size() + workload.converted.size() + workload.disqualified.size());

        // every lead's events are complete: sequences 1..n without a gap, the first a creation
        for (var history : histories.values()) {
            if (!history.complete()) {
                failures.add("lead " + history.leadId + " has a gap in its events: " + history.events.keySet());
            }
        }
        // every acknowledged lead exists, in the state its acknowledged actions and its events say
        int checked = 0;
        for (var entry : workload.leadIds.entrySet()) {
            int lead = entry.getKey();
            String id = entry.getValue();
            var response = read("/api/v1/leads/" + id);
            if (response.statusCode() != 200) {
                failures.add("acknowledged lead " + id + " answers " + response.statusCode());
                continue;
            }
            String status = JSON.readTree(response.body()).get("status").asString();
            String expected = workload.converted.contains(lead)
                    ? "CONVERTED"
                    : workload.disqualified.contains(lead)
                            ? "DISQUALIFIED"
                            : workload.qualified.contains(lead) ? "SQL" : null;
            if (expected != null && !expected.equals(status)) {
                failures.add("lead " + id + " is " + status + " after its acknowledged actions made it " + expected);
            }
            LeadHistory history = histories.get(id);
            if (history == null || !status.equals(history.finalStatus())) {
                failures.add("lead " + id + " is " + status + " but its events end in "
                        + (history == null ? "nothing" : history.finalStatus()));
            }
            if (history != null && history.updates() > settings.capturesPerLead()) {
                failures.add("lead " + id + " was updated " + history.updates() + " times by "
                        + settings.capturesPerLead() + " distinct intake records: a duplicate was applied");
            }
            checked++;
        }
        figures.put("leadsCheckedOneByOne", checked);
        if (histories.size() != workload.leadIds.size()) {
            failures.add("lead-events holds " + histories.size() + " leads of the tenant, " + workload.leadIds.size()
                    + " were acknowledged");
        }

        // analytics equals a plain fold over the events actually published
        Map<String, Long> reference = new LinkedHashMap<>();
        reference.put("created", (long) histories.size());
        reference.put(
                "mql", histories.values().stream().filter(h -> h.reached("MQL")).count());
        reference.put(
                "sql", histories.values().stream().filter(h -> h.reached("SQL")).count());
        reference.put(
                "converted",
                histories.values().stream().filter(h -> h.reached("CONVERTED")).count());
        reference.put(
                "disqualified",
                histories.values().stream()
                        .filter(h -> "DISQUALIFIED".equals(h.finalStatus()))
                        .count());
        figures.put("leadFunnelReference", reference);
        Map<String, Long> answered = awaitEqual(reference, () -> {
            JsonNode funnel = get("/api/v1/analytics/lead-funnel");
            Map<String, Long> counts = new LinkedHashMap<>();
            reference.keySet().forEach(step -> counts.put(step, funnel.get(step).asLong()));
            return counts;
        });
        figures.put("leadFunnelAnswered", answered);
        if (!answered.equals(reference)) {
            failures.add("analytics' lead funnel " + answered + " differs from the fold of the events " + reference);
        }
        long conversions = reference.get("converted");
        long opened = awaitEqual(
                conversions,
                () -> dealsByPipeline().values().stream()
                        .mapToLong(Long::longValue)
                        .sum());
        figures.put("dealsOpened", opened);
        if (opened != conversions) {
            failures.add(opened + " deals were opened for " + conversions + " conversions");
        }
        Set<String> pipelines = dealsByPipeline().keySet();
        long counted = awaitEqual(conversions, () -> {
            long deals = 0;
            for (String pipeline : pipelines) {
                deals += get("/api/v1/analytics/funnel?pipelineId=" + pipeline)
                        .get("deals")
                        .asLong();
            }
            return deals;
        });
        figures.put("dealsCountedByAnalytics", counted);
        if (counted != conversions) {
            failures.add("analytics counts " + counted + " deals for " + conversions + " conversions");
        }

        Map<String, Long> deadLettersAfter = endOffsets(DEAD_LETTER_TOPICS);
        long deadLetters = deadLettersAfter.keySet().stream()
                .mapToLong(topic -> deadLettersAfter.get(topic) - deadLettersBefore.getOrDefault(topic, 0L))
                .sum();
        figures.put("deadLetterRecords", deadLetters);
        if (deadLetters != settings.poisonRecords()) {
            failures.add(
                    deadLetters + " records reached dead-letter topics; " + settings.poisonRecords() + " were poison");
        }
    }

    /** Polls {@code answer} for up to 30 s until it equals {@code expected}; returns its last value. */
    private <T> T awaitEqual(T expected, ThrowingSupplier<T> answer) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        T last = answer.get();
        while (!last.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            last = answer.get();
        }
        return last;
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    /** The tenant's deals in deal-service, counted per pipeline. */
    private Map<String, Long> dealsByPipeline() throws Exception {
        Map<String, Long> deals = new TreeMap<>();
        String cursor = null;
        do {
            JsonNode page = get("/api/v1/deals?limit=200" + (cursor == null ? "" : "&cursor=" + cursor));
            for (JsonNode deal : page.get("items")) {
                deals.merge(deal.get("pipelineId").asString(), 1L, Long::sum);
            }
            JsonNode next = page.get("nextCursor");
            cursor = next == null || next.isNull()
                    ? null
                    : java.net.URLEncoder.encode(next.asString(), StandardCharsets.UTF_8);
        } while (cursor != null);
        return deals;
    }

    private JsonNode get(String path) throws Exception {
        var response = read(path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** A GET through the gateway as a polite client: a 429 is waited out for as long as Retry-After says. */
    private HttpResponse<String> read(String path) throws Exception {
        while (true) {
            var response = http.send(
                    HttpRequest.newBuilder(URI.create(gateway() + path))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 429) {
                return response;
            }
            long seconds = response.headers()
                    .firstValue("Retry-After")
                    .map(Long::parseLong)
                    .orElse(1L);
            Thread.sleep(Duration.ofSeconds(Math.max(1, seconds)).toMillis());
        }
    }

    /** One lead's events as published on {@code lead-events}, by sequence (a re-publication lands on its own). */
    private static final class LeadHistory {

        final String leadId;
        final TreeMap<Long, JsonNode> events = new TreeMap<>();
        final Map<Long, String> types = new HashMap<>();

        LeadHistory(String leadId) {
            this.leadId = leadId;
        }

        boolean complete() {
            return !events.isEmpty()
                    && events.firstKey() == 1
                    && events.lastKey() == events.size()
                    && "stageflow.lead.created".equals(types.get(1L));
        }

        List<String> statuses() {
            List<String> statuses = new ArrayList<>();
            events.forEach((sequence, data) -> {
                String status = switch (types.get(sequence)) {
                    case "stageflow.lead.created" -> data.get("status").asString();
                    case "stageflow.lead.qualified" -> data.get("toStatus").asString();
                    case "stageflow.lead.disqualified" -> "DISQUALIFIED";
                    case "stageflow.lead.converted" -> "CONVERTED";
                    case "stageflow.lead.updated" ->
                        data.hasNonNull("status") ? data.get("status").asString() : null;
                    default -> null;
                };
                if (status != null) {
                    statuses.add(status);
                }
            });
            return statuses;
        }

        String finalStatus() {
            List<String> statuses = statuses();
            return statuses.isEmpty() ? null : statuses.getLast();
        }

        /** Whether the lead ever was in {@code step} or a later step of the funnel. */
        boolean reached(String step) {
            int rank = RANKED.indexOf(step);
            return statuses().stream().anyMatch(status -> RANKED.indexOf(status) >= rank);
        }

        long updates() {
            return types.values().stream()
                    .filter("stageflow.lead.updated"::equals)
                    .count();
        }
    }

    private Map<String, LeadHistory> leadEventsOfTheTenant() throws Exception {
        Map<String, LeadHistory> histories = new HashMap<>();
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (var consumer = new KafkaConsumer<String, byte[]>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor("lead-events").stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (var record : consumer.poll(Duration.ofSeconds(1))) {
                    if (!tenant.equals(header(record.headers().lastHeader("ce_tenantid")))) {
                        continue;
                    }
                    String leadId = header(record.headers().lastHeader("ce_subject"));
                    long sequence = Long.parseLong(header(record.headers().lastHeader("ce_sequence")));
                    var history = histories.computeIfAbsent(leadId, LeadHistory::new);
                    history.events.put(sequence, JSON.readTree(record.value()));
                    history.types.put(sequence, header(record.headers().lastHeader("ce_type")));
                }
            }
        }
        return histories;
    }

    private Map<String, Long> endOffsets(Collection<String> topics) throws Exception {
        Map<String, Long> ends = new HashMap<>();
        try (var admin = admin()) {
            Set<String> existing = new HashSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            var described = admin.describeTopics(
                            topics.stream().filter(existing::contains).toList())
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            described.forEach((topic, description) -> description
                    .partitions()
                    .forEach(partition ->
                            latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest())));
            admin.listOffsets(latest)
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((partition, info) -> ends.merge(partition.topic(), info.offset(), Long::sum));
        }
        topics.forEach(topic -> ends.putIfAbsent(topic, 0L));
        return ends.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                60_000));
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // the broker may be dead for a while: keep records until it is back instead of failing them
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 600_000);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(properties);
    }

    private String gateway() {
        return "http://127.0.0.1:" + (8080 + portOffset);
    }

    private String kafka() {
        return "127.0.0.1:" + (9092 + portOffset);
    }

    private static String header(Header header) {
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
