package io.stageflow.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.stageflow.events.intake.LeadCaptured;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stageflow's benchmark harness. Measures a running local stack (./stageflow up) and, in the same run, the
 * raw speed of the same store and broker, so every figure comes with the ratio that says what Stageflow
 * costs on top of its parts. Load is open-model: requests are sent on a fixed schedule whatever the
 * answers do, and latency is measured from the scheduled send time (no coordinated omission), recorded in
 * HdrHistogram. Results go to bench/results/&lt;date&gt;.md and .json.
 *
 * <p>Arguments: {@code <stageflow home> [scenario …]}; scenarios: store, kafka, intake, http, csv (default
 * all).
 */
public final class Bench {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path home;
    private final Map<String, String> credentials;
    private final String gateway;
    private final String leadService;
    private final String dealService;
    private final String analyticsService;
    /** The pipeline and deals the board scenario seeds, reused by the stage-move scenario. */
    private String benchPipelineId;

    private List<String> benchDealIds = List.of();
    private final String mongoUri;
    private final String kafka;
    /** Before measuring, every path runs at least this long, so that C2 has compiled it (as on a server that has been up). */
    private static final Duration WARM_UP = Duration.ofSeconds(30);

    private static final Duration WARM_UP_LIMIT = Duration.ofSeconds(120);
    private static final long WARM_UP_REQUESTS = 20_000;

    private final HttpClient http = HttpClient.newBuilder()
            // plain HTTP/1.1 as API clients speak it: the default (HTTP/2) makes every new connection
            // try an h2c upgrade first
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Map<String, Object> results = new LinkedHashMap<>();

    private Bench(Path home) throws IOException {
        this.home = home;
        this.credentials = StackFiles.readEnv(home.resolve("credentials.env"));
        int offset = Integer.parseInt(System.getenv().getOrDefault("STAGEFLOW_PORT_OFFSET", "0"));
        this.gateway = "http://127.0.0.1:" + (8080 + offset);
        this.leadService = "http://127.0.0.1:" + (8081 + offset);
        this.dealService = "http://127.0.0.1:" + (8082 + offset);
        this.analyticsService = "http://127.0.0.1:" + (8083 + offset);
        this.mongoUri = System.getenv().getOrDefault("MONGODB_URI", "mongodb://127.0.0.1:" + (27017 + offset));
        this.kafka = System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + (9092 + offset));
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println(
                    "usage: Bench <stageflow home> [store|kafka|intake|http|csv|board|moves|gateway|observability|startup|visible|analytics|deal-queries|chaos|chaos-quick …]");
            System.exit(2);
        }
        var bench = new Bench(Path.of(args[0]));
        List<String> scenarios = args.length > 1
                ? List.of(args).subList(1, args.length)
                : List.of("store", "kafka", "intake", "http", "csv", "board", "moves", "gateway", "observability");
        bench.results.put("date", Instant.now().toString());
        bench.results.put(
                "machine",
                Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + ", Java "
                        + Runtime.version());
        int failedScenarios = 0;
        for (String scenario : scenarios) {
            System.out.println("== " + scenario);
            try {
                bench.awaitQuiet();
                bench.runScenario(scenario);
            } catch (Exception failed) {
                // a scenario that cannot finish is a figure too (the stack gave up under it): it is written down
                // with the others, which still run, and the exit status says that one failed
                System.out.println(scenario + " failed: " + failed);
                bench.put(scenario + ".failed", String.valueOf(failed.getMessage()));
                failedScenarios++;
            }
        }
        bench.ratios();
        bench.write();
        if (failedScenarios > 0) {
            System.exit(1);
        }
        if (!bench.chaosFailures.isEmpty()) {
            System.err.println("chaos checks failed:");
            bench.chaosFailures.forEach(failure -> System.err.println("  - " + failure));
            System.exit(1);
        }
    }

    private void runScenario(String scenario) throws Exception {
        switch (scenario) {
            case "store" -> storeBulkWrites();
            case "kafka" -> kafkaRaw();
            case "intake" -> intakeFromTopic();
            case "http" -> httpCreate();
            case "csv" -> csvImport();
            case "board" -> board();
            case "moves" -> stageMoves();
            case "gateway" -> gatewayFigures();
            case "observability" -> observabilityOverhead();
            case "startup" -> startup();
            case "visible" -> eventToVisible();
            case "analytics" -> analyticsConsumptionAndRebuild();
            case "deal-queries" -> dealQueriesOverAMillionDeals();
            case "chaos" -> chaos(ChaosRun.Settings.full());
            case "chaos-quick" -> chaos(ChaosRun.Settings.quick());
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        }
    }

    private final List<String> chaosFailures = new ArrayList<>();

    /** Issue 9's fault-injection run against the running stack (destructive: it kills the stack's processes). */
    private void chaos(ChaosRun.Settings settings) throws Exception {
        int offset = Integer.parseInt(System.getenv().getOrDefault("STAGEFLOW_PORT_OFFSET", "0"));
        var outcome = new ChaosRun(Path.of("").toAbsolutePath(), home, offset, settings).run();
        put("chaos", outcome.figures());
        chaosFailures.addAll(outcome.failures());
        System.out.println("chaos: " + (outcome.passed() ? "passed" : "FAILED") + " " + outcome.figures());
    }

    // --- raw store: bulk inserts of lead-sized documents, the ceiling for intake -------------------------
    private void storeBulkWrites() {
        int documents = 20_000;
        int batch = 500;
        try (MongoClient client = MongoClients.create(mongoUri)) {
            var collection = client.getDatabase("stageflow_bench")
                    .getCollection("raw_" + UUID.randomUUID().toString().substring(0, 8));
            long started = System.nanoTime();
            for (int i = 0; i < documents; i += batch) {
                List<Document> docs = new ArrayList<>(batch);
                for (int j = i; j < i + batch; j++) {
                    docs.add(leadSizedDocument(j));
                }
                collection.insertMany(docs);
            }
            double seconds = seconds(started);
            collection.drop();
            put("store.bulkInsertsPerSecond", documents / seconds);
            System.out.printf(
                    "store: %d documents in batches of %d: %.0f docs/s%n", documents, batch, documents / seconds);
        }
    }

    // --- raw Kafka: Kafka's own ProducerPerformance and ConsumerPerformance, in separate JVMs ------------
    private void kafkaRaw() throws Exception {
        String topic = "bench-raw-" + UUID.randomUUID().toString().substring(0, 8);
        int records = 200_000;
        String producer = runTool(
                "org.apache.kafka.tools.ProducerPerformance",
                "--topic",
                topic,
                "--num-records",
                "" + records,
                "--record-size",
                "1000",
                "--throughput",
                "-1",
                "--producer-props",
                "bootstrap.servers=" + kafka,
                "acks=all");
        String summary = producer.lines()
                .filter(l -> l.contains("records sent"))
                .reduce((a, b) -> b)
                .orElseThrow();
        double producerRate = Double.parseDouble(summary.replaceAll(".*records sent, ([0-9.]+) records/sec.*", "$1"));
        String consumer = runTool(
                "org.apache.kafka.tools.ConsumerPerformance",
                "--bootstrap-server",
                kafka,
                "--topic",
                topic,
                "--messages",
                "" + records);
        String last = consumer.lines()
                .filter(l -> l.matches("^\\d{4}-.*"))
                .reduce((a, b) -> b)
                .orElseThrow();
        String[] fields = last.split(",\\s*");
        double consumerRate = Double.parseDouble(fields[5]);
        put("kafka.producerRecordsPerSecond", producerRate);
        put("kafka.consumerRecordsPerSecond", consumerRate);
        System.out.printf(
                "kafka: producer %.0f records/s, consumer %.0f records/s (1 KB records)%n", producerRate, consumerRate);
    }

    // --- intake from lead-intake: leads/s into the store with their lead.created published --------------
    /** Enough for half a minute or more of steady intake, so that the figure is a sustained rate. */
    private static final int INTAKE_LEADS = 100_000;

    private void intakeFromTopic() throws Exception {
        int leads = INTAKE_LEADS;
        String tenant = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        try (var producer = new KafkaProducer<String, byte[]>(config);
                MongoClient client = MongoClients.create(mongoUri)) {
            var leadsCollection = client.getDatabase("stageflow_leads").getCollection("leads");
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>(leads);
            for (int i = 0; i < leads; i++) {
                records.add(capturedRecord(tenant, i));
            }
            // progress is read from lead-events (lead.created of this run's tenant), not by polling the store:
            // a count query is a full scan on the embedded store and would slow down what it measures
            try (var events = eventsFromNow("lead-events")) {
                long started = System.nanoTime();
                for (var record : records) {
                    producer.send(record);
                }
                producer.flush();
                double published = seconds(started);
                long created = 0;
                while (created < leads) {
                    for (var event : events.poll(Duration.ofMillis(200))) {
                        if (tenant.equals(header(event, "ce_tenantid"))
                                && "stageflow.lead.created".equals(header(event, "ce_type"))) {
                            created++;
                        }
                    }
                    if (seconds(started) > 900) {
                        throw new IllegalStateException(
                                "only " + created + " of " + leads + " lead.created after 15 minutes");
                    }
                }
                double drained = seconds(started);
                put("intake.leads", leads);
                put("intake.sendSeconds", published);
                put("intake.leadsPerSecondWithEventsPublished", leads / drained);
                // only the ids: the embedded store holds a count's matching documents in memory whole
                long stored = 0;
                for (var ignored : leadsCollection
                        .find(Filters.eq("tenantId", tenant))
                        .projection(Projections.include("_id"))
                        .batchSize(10_000)) {
                    stored++;
                }
                put("intake.storedLeads", stored);
                System.out.printf(
                        "intake: %d leads, every lead.created published after %.1f s (%.0f leads/s); %d stored%n",
                        leads, drained, leads / drained, stored);
            }
        }
    }

    private org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> eventsFromNow(String topic) {
        Properties config = new Properties();
        config.put("bootstrap.servers", kafka);
        config.put("key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class);
        config.put("value.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class);
        config.put("enable.auto.commit", false);
        var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(config);
        var partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new org.apache.kafka.common.TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // pin "now" before anything is sent
        return consumer;
    }

    private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    // --- HTTP create: open model at fixed rates, through the gateway and straight to lead-service -------
    private void httpCreate() throws Exception {
        String token = "Bearer " + credentials.get("STAGEFLOW_TOKEN");
        // the services and the gateway run C2 (as in production): the figures are its steady state; 5 s at 200/s
        // left the gateway's POST path half-compiled, and its queue collapsed the first measured rate
        warmUpCreates("http", gateway, token);
        warmUpCreates("http", leadService, token);
        for (int rate : List.of(500, 1000)) {
            awaitQuiet();
            Map<String, Object> viaGateway = run("gateway@" + rate, gateway, token, rate, Duration.ofSeconds(15));
            awaitQuiet();
            Map<String, Object> direct = run("direct@" + rate, leadService, token, rate, Duration.ofSeconds(15));
            put("http.gateway." + rate, viaGateway);
            put("http.direct." + rate, direct);
        }
        // the most the gateway path creates per second: clients back to back, no schedule
        awaitQuiet();
        var most = new AtomicLong();
        String mostRun = "most-" + UUID.randomUUID().toString().substring(0, 8);
        put(
                "http.gateway.closedLoop32",
                closedLoop(
                        "http-gateway-max",
                        32,
                        Duration.ofSeconds(15),
                        () -> createLead(gateway, token, mostRun, most.getAndIncrement())));
    }

    private Map<String, Object> run(String name, String base, String token, int rate, Duration duration)
            throws Exception {
        String run = name.replace('@', '-') + "-" + UUID.randomUUID().toString().substring(0, 8);
        return openModel(name, rate, duration, 201, i -> createLead(base, token, run, i));
    }

    private static HttpRequest createLead(String base, String token, String run, long i) {
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/leads"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + run + "-" + i
                        + "@bench.example\",\"firstName\":\"Bench\",\"company\":\"Load Test Ltd\",\"source\":\"web\"}"))
                .build();
    }

    /**
     * Runs a path with a few clients back to back before it is measured, for at least {@link #WARM_UP} and until
     * {@link #WARM_UP_REQUESTS} answers came back (at most {@link #WARM_UP_LIMIT}). Closed loop on purpose: a cold
     * JVM answers slowly, and fixed-rate load would pile up a queue the measurement then inherits. A count, not
     * only a time: on a freshly started stack 30 s of creates through the gateway were 2,850 requests, too few
     * for C2 to compile the path, and the first measured rate collapsed.
     */
    private void warmUp(String name, java.util.function.Supplier<HttpRequest> requests) throws Exception {
        closedLoop(name + "-warm-up", 8, WARM_UP_LIMIT, WARM_UP, WARM_UP_REQUESTS, requests);
    }

    /** {@link #warmUp} with lead creations, each with an email of its own. */
    private void warmUpCreates(String name, String base, String token) throws Exception {
        String run = name + "-warm-up-" + UUID.randomUUID().toString().substring(0, 8);
        var next = new AtomicLong();
        warmUp(name, () -> createLead(base, token, run, next.getAndIncrement()));
    }

    /**
     * Open-model load: request {@code i} is sent at {@code start + i / rate} whatever earlier answers did, and
     * its latency counts from that scheduled time, so a slow server cannot hide its queue (no coordinated
     * omission).
     */
    /**
     * The load generator's own stalls during a run (GC, scheduling): a platform thread that asks to sleep 1 ms and
     * records by how much more it slept. A stall here delays the requests scheduled in it, and open-model latency
     * (counted from the schedule) charges that delay to the server; knowing it tells a server's tail from the
     * harness's.
     */
    private static final class HarnessPauses {
        private volatile boolean running = true;
        private volatile long maxPauseNanos;
        private Thread thread;

        static HarnessPauses start() {
            HarnessPauses pauses = new HarnessPauses();
            pauses.thread = Thread.ofPlatform().daemon().name("harness-pauses").start(() -> {
                while (pauses.running) {
                    long before = System.nanoTime();
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                    long overslept = System.nanoTime() - before - 1_000_000L;
                    if (overslept > pauses.maxPauseNanos) {
                        pauses.maxPauseNanos = overslept;
                    }
                }
            });
            return pauses;
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return maxPauseNanos;
        }
    }

    private Map<String, Object> openModel(
            String name,
            int rate,
            Duration duration,
            int expectedStatus,
            java.util.function.LongFunction<HttpRequest> requests)
            throws Exception {
        return openModel(name, rate, duration, expectedStatus, requests, null);
    }

    /** The same, also adding every latency to {@code sink} (when given) to combine several runs. */
    private Map<String, Object> openModel(
            String name,
            int rate,
            Duration duration,
            int expectedStatus,
            java.util.function.LongFunction<HttpRequest> requests,
            Histogram sink)
            throws Exception {
        return openModel(name, rate, duration, expectedStatus, requests, sink, response -> {}, OPEN_MODEL_WARM_UP);
    }

    /**
     * Open-model requests sent, unrecorded, before a measured run, through the run's own client: the client's
     * connections and its asynchronous path are warm when measuring starts, as the server's are. Without it the first
     * seconds of whichever run came first were slow in the harness and counted against the server.
     */
    private static final Duration OPEN_MODEL_WARM_UP = Duration.ofSeconds(2);

    /**
     * The same, handing every answer to {@code answered} as it arrives, with a warm-up of its own length:
     * {@link Duration#ZERO} where every request counts (a funnel that must count exactly the measured ones). Warm-up
     * requests take the indices after the measured ones.
     */
    private Map<String, Object> openModel(
            String name,
            int rate,
            Duration duration,
            int expectedStatus,
            java.util.function.LongFunction<HttpRequest> requests,
            Histogram sink,
            java.util.function.Consumer<HttpResponse<?>> answered,
            Duration warmUp)
            throws Exception {
        var latency = new Histogram(Duration.ofSeconds(30).toNanos(), 3);
        var errors = new AtomicLong();
        var ok = new AtomicLong();
        var statuses = new java.util.concurrent.ConcurrentSkipListMap<Integer, AtomicLong>();
        long total = rate * duration.toSeconds();
        long interval = 1_000_000_000L / rate;
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        // a client of its own: two loads running side by side must not share connections or threads
        var client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
                .build();
        long warmUpRequests = rate * warmUp.toSeconds();
        if (warmUpRequests > 0) {
            List<CompletableFuture<?>> warming = new ArrayList<>();
            long warmStart = System.nanoTime();
            for (long i = 0; i < warmUpRequests; i++) {
                long wait = warmStart + i * interval - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                warming.add(client.sendAsync(requests.apply(total + i), HttpResponse.BodyHandlers.discarding()));
            }
            CompletableFuture.allOf(warming.toArray(CompletableFuture[]::new))
                    .exceptionally(t -> null)
                    .join();
        }
        long start = System.nanoTime();
        // requests slower than 100 ms per second of the run, to tell one stall from a spread-out tail
        long[] slowPerSecond = new long[(int) duration.toSeconds() + 1];
        var harnessPauses = HarnessPauses.start();
        for (long i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            var request = requests.apply(i);
            inFlight.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        long took = System.nanoTime() - scheduled;
                        if (took > 100_000_000L) {
                            int second = (int) Math.min(slowPerSecond.length - 1, (scheduled - start) / 1_000_000_000L);
                            synchronized (slowPerSecond) {
                                slowPerSecond[second]++;
                            }
                        }
                        if (failure == null) {
                            answered.accept(response);
                        }
                        synchronized (latency) {
                            latency.recordValue(Math.min(took, latency.getHighestTrackableValue()));
                        }
                        statuses.computeIfAbsent(failure == null ? 0 : -1, k -> new AtomicLong());
                        if (failure == null) {
                            statuses.computeIfAbsent(response.statusCode(), k -> new AtomicLong())
                                    .incrementAndGet();
                        }
                        if (failure == null && response.statusCode() == expectedStatus) {
                            ok.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                        }
                    }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                .exceptionally(t -> null)
                .join();
        double seconds = seconds(start);
        client.close();
        long harnessMaxPauseNanos = harnessPauses.stop();
        if (sink != null) {
            sink.add(latency);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("targetRate", rate);
        result.put("achievedPerSecond", ok.get() / seconds);
        result.put("p50Ms", latency.getValueAtPercentile(50) / 1e6);
        result.put("p99Ms", latency.getValueAtPercentile(99) / 1e6);
        result.put("maxMs", latency.getMaxValue() / 1e6);
        result.put("errors", errors.get());
        Map<String, Long> byStatus = new LinkedHashMap<>();
        statuses.forEach((status, count) -> {
            if (status > 0) {
                byStatus.put(String.valueOf(status), count.get());
            }
        });
        result.put("statuses", byStatus);
        result.put("harnessMaxPauseMs", harnessMaxPauseNanos / 1e6);
        Map<String, Long> slow = new LinkedHashMap<>();
        for (int second = 0; second < slowPerSecond.length; second++) {
            if (slowPerSecond[second] > 0) {
                slow.put("s" + second, slowPerSecond[second]);
            }
        }
        result.put("over100msBySecond", slow);
        System.out.printf(
                "  harness max pause %.1f ms; requests over 100 ms by second of the run: %s%n",
                harnessMaxPauseNanos / 1e6, slow);
        System.out.printf(
                "http %s: %.0f ok/s, p50 %.1f ms, p99 %.1f ms, max %.0f ms, %d errors%n",
                name,
                ok.get() / seconds,
                latency.getValueAtPercentile(50) / 1e6,
                latency.getValueAtPercentile(99) / 1e6,
                latency.getMaxValue() / 1e6,
                errors.get());
        return result;
    }

    // --- the gateway: overhead against the service, proxied throughput, a noisy tenant ---------------------
    /**
     * Issue 7's figures. Overhead: the same authenticated GET of one lead at 1,000/s through the gateway and
     * straight to lead-service. Throughput: 64 clients sending authenticated GETs back to back through the
     * gateway. Noisy tenant: tenant {@code benchnoisy} (quota 50/s in the bench profile) sends 10x its quota
     * while another tenant sends 100/s; counts the noisy tenant's 429s and the other's p99 against its p99
     * alone.
     */
    private void gatewayFigures() throws Exception {
        String token = "Bearer " + credentials.get("STAGEFLOW_TOKEN");
        var created = http.send(
                HttpRequest.newBuilder(URI.create(gateway + "/api/v1/leads"))
                        .header("Authorization", token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"email\":\"gateway-bench-" + UUID.randomUUID() + "@bench.example\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        String leadId = JSON.readTree(created.body()).get("id").asString();
        String path = "/api/v1/leads/" + leadId;
        warmUp("gateway-get", () -> get(gateway + path, token));
        warmUp("direct-get", () -> get(leadService + path, token));
        for (int rate : List.of(250, 500, 1000)) {
            awaitQuiet();
            put(
                    "gateway.get.viaGateway." + rate,
                    openModel(
                            "gateway-get@" + rate, rate, Duration.ofSeconds(15), 200, i -> get(gateway + path, token)));
            awaitQuiet();
            put(
                    "gateway.get.direct." + rate,
                    openModel(
                            "direct-get@" + rate,
                            rate,
                            Duration.ofSeconds(15),
                            200,
                            i -> get(leadService + path, token)));
        }
        awaitQuiet();
        put(
                "gateway.get.viaGateway.closedLoop64",
                closedLoop("gateway-get-max", 64, Duration.ofSeconds(15), () -> get(gateway + path, token)));
        awaitQuiet();
        put(
                "gateway.get.direct.closedLoop64",
                closedLoop("direct-get-max", 64, Duration.ofSeconds(15), () -> get(leadService + path, token)));

        String secret = StackFiles.readEnv(home.resolve("secrets.env")).get("STAGEFLOW_JWT_SECRET");
        String noisy = "Bearer " + BenchTokens.sign(secret, "benchnoisy", "noisy-client", "SALES");
        String quiet = "Bearer " + BenchTokens.sign(secret, "benchquiet-" + UUID.randomUUID(), "quiet-user", "SALES");
        warmUp("quiet", () -> get(gateway + "/api/v1/pipelines", quiet));
        awaitQuiet();
        Map<String, Object> alone = openModel(
                "quiet-alone@100", 100, Duration.ofSeconds(15), 200, i -> get(gateway + "/api/v1/pipelines", quiet));
        awaitQuiet();
        var noisyThread = java.util.concurrent.Executors.newSingleThreadExecutor();
        var noisyRun = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return openModel(
                                "noisy@500",
                                500,
                                Duration.ofSeconds(15),
                                200,
                                i -> get(gateway + "/api/v1/pipelines", noisy));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                noisyThread);
        Map<String, Object> beside = openModel(
                "quiet-beside-noisy@100",
                100,
                Duration.ofSeconds(15),
                200,
                i -> get(gateway + "/api/v1/pipelines", quiet));
        Map<String, Object> noisyResult = noisyRun.join();
        noisyThread.shutdown();
        @SuppressWarnings("unchecked")
        Map<String, Long> noisyStatuses = (Map<String, Long>) noisyResult.get("statuses");
        long refused = noisyStatuses.getOrDefault("429", 0L);
        long sent = 500L * 15;
        long quota = 50L * 15 + 50; // 50/s for 15 s plus the burst
        put("gateway.noisy.sent", sent);
        put("gateway.noisy.refused429", refused);
        put("gateway.noisy.shareOfExcessRefused", refused / (double) (sent - quota));
        put("gateway.quiet.alone", alone);
        put("gateway.quiet.besideNoisy", beside);
        put("gateway.quiet.p99Rise", (Double) beside.get("p99Ms") / (Double) alone.get("p99Ms") - 1);
    }

    private static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", token)
                .GET()
                .build();
    }

    /** {@code clients} callers each sending the next request when the previous answer arrived. */
    private Map<String, Object> closedLoop(
            String name, int clients, Duration duration, java.util.function.Supplier<HttpRequest> requests)
            throws Exception {
        return closedLoop(name, clients, duration, duration, Long.MAX_VALUE, requests);
    }

    /** Closed loop that stops at {@code longest}, or once {@code enough} answers came back after {@code shortest}. */
    private Map<String, Object> closedLoop(
            String name,
            int clients,
            Duration longest,
            Duration shortest,
            long enough,
            java.util.function.Supplier<HttpRequest> requests)
            throws Exception {
        var latency = new Histogram(Duration.ofSeconds(30).toNanos(), 3);
        var ok = new AtomicLong();
        var errors = new AtomicLong();
        long start = System.nanoTime();
        long end = start + longest.toNanos();
        long earliestEnd = start + shortest.toNanos();
        try (var callers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                callers.submit(() -> {
                    long now;
                    while ((now = System.nanoTime()) < end && (now < earliestEnd || ok.get() < enough)) {
                        long sent = System.nanoTime();
                        try {
                            var response = http.send(requests.get(), HttpResponse.BodyHandlers.discarding());
                            if (response.statusCode() / 100 == 2) {
                                ok.incrementAndGet();
                            } else {
                                errors.incrementAndGet();
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        synchronized (latency) {
                            latency.recordValue(Math.min(System.nanoTime() - sent, latency.getHighestTrackableValue()));
                        }
                    }
                });
            }
        }
        double seconds = seconds(start);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("clients", clients);
        result.put("perSecond", ok.get() / seconds);
        result.put("p50Ms", latency.getValueAtPercentile(50) / 1e6);
        result.put("p99Ms", latency.getValueAtPercentile(99) / 1e6);
        result.put("errors", errors.get());
        System.out.printf(
                "http %s: %.0f ok/s with %d clients, p50 %.1f ms, p99 %.1f ms, %d errors%n",
                name,
                ok.get() / seconds,
                clients,
                latency.getValueAtPercentile(50) / 1e6,
                latency.getValueAtPercentile(99) / 1e6,
                errors.get());
        return result;
    }

    // --- start-up: the whole stack from stopped to all healthy, and what it then occupies --------------------
    /** {@code ./stageflow down}, then {@code ./stageflow up} timed to all healthy; resident memory of every process. */
    private void startup() throws Exception {
        stageflow("down");
        long started = System.nanoTime();
        stageflow("up");
        double seconds = seconds(started);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("secondsToAllHealthy", seconds);
        long total = 0;
        try (var pids = Files.newDirectoryStream(home.resolve("run"), "*.pid")) {
            for (Path pidFile : pids) {
                long rss = rssMb(Long.parseLong(Files.readString(pidFile).strip()));
                result.put("rssMb." + pidFile.getFileName().toString().replace(".pid", ""), rss);
                total += Math.max(0, rss);
            }
        }
        result.put("rssMbTotal", total);
        put("startup", result);
        System.out.printf("startup: %s%n", result);
    }

    private void stageflow(String command) throws Exception {
        StackFiles.launcher(
                Path.of("").toAbsolutePath(),
                home,
                Integer.parseInt(System.getenv().getOrDefault("STAGEFLOW_PORT_OFFSET", "0")),
                command,
                home.resolve("logs/bench-launcher.log"));
    }

    // --- analytics: event in → number visible through the gateway ------------------------------------------
    /**
     * Issue 6's visibility figure. At each rate a tenant of its own creates leads through the gateway (open model)
     * while a poller asks the gateway for that tenant's lead funnel every {@link #VISIBLE_POLL}. The k-th lead is
     * visible when the funnel first counts k leads; its latency runs from the moment lead-service acknowledged it.
     * (A count cannot say which lead it counted, so this is the latency of the k-th acknowledgement to the k-th
     * count.) The poll's pause is the figure's resolution: a lead counted just after a poll is charged up to one pause
     * more. It was 5 ms while each poll read every lead (about 190 ms for 20,000, so about 5 polls a second); since the
     * funnel is read from a tally a poll takes a few milliseconds, and 200 polls a second through the gateway would
     * load the machine more than the leads being measured.
     */
    private static final Duration VISIBLE_POLL = Duration.ofMillis(20);

    private void eventToVisible() throws Exception {
        String secret = StackFiles.readEnv(home.resolve("secrets.env")).get("STAGEFLOW_JWT_SECRET");
        // creates through the gateway, measured below, must not be the first a freshly started stack sees
        warmUpCreates("visible", gateway, "Bearer " + credentials.get("STAGEFLOW_TOKEN"));
        for (int rate : List.of(100, 250, 500)) {
            awaitQuiet();
            String tenant =
                    "visible-" + rate + "-" + UUID.randomUUID().toString().substring(0, 8);
            String token = "Bearer " + BenchTokens.sign(secret, tenant, "visible", "SALES", "MANAGER");
            int leads = rate * 20;
            long[] acknowledged = new long[leads];
            var acknowledgedCount = new AtomicLong();
            long[] visibleAt = new long[leads + 1];
            var done = new java.util.concurrent.atomic.AtomicBoolean();
            var poller = Thread.ofPlatform().start(() -> {
                int seen = 0;
                while (!done.get() && seen < leads) {
                    try {
                        var funnel = http.send(
                                get(gateway + "/api/v1/analytics/lead-funnel", token),
                                HttpResponse.BodyHandlers.ofString());
                        long now = System.nanoTime();
                        int count = funnel.statusCode() == 200
                                ? JSON.readTree(funnel.body()).get("created").asInt()
                                : seen;
                        for (int k = seen + 1; k <= Math.min(count, leads); k++) {
                            visibleAt[k] = now;
                        }
                        seen = Math.max(seen, count);
                        Thread.sleep(VISIBLE_POLL);
                    } catch (IOException e) {
                        // the next poll tells
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            String run = UUID.randomUUID().toString().substring(0, 8);
            var latency = new Histogram(Duration.ofSeconds(60).toNanos(), 3);
            openModel(
                    "visible-create@" + rate,
                    rate,
                    Duration.ofSeconds(20),
                    201,
                    i -> HttpRequest.newBuilder(URI.create(gateway + "/api/v1/leads"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"email\":\"visible-" + run + "-" + i + "@bench.example\",\"source\":\"web\"}"))
                            .build(),
                    null,
                    response -> {
                        if (response.statusCode() == 201) {
                            long at = System.nanoTime();
                            acknowledged[(int) acknowledgedCount.getAndIncrement()] = at;
                        }
                    },
                    Duration.ZERO);
            poller.join(Duration.ofSeconds(60));
            done.set(true);
            poller.join();
            int total = (int) acknowledgedCount.get();
            long[] sortedAcks = java.util.Arrays.copyOf(acknowledged, total);
            java.util.Arrays.sort(sortedAcks);
            int missing = 0;
            for (int k = 1; k <= total; k++) {
                if (visibleAt[k] == 0) {
                    missing++;
                } else {
                    latency.recordValue(Math.max(
                            0, Math.min(visibleAt[k] - sortedAcks[k - 1], latency.getHighestTrackableValue())));
                }
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("leads", total);
            result.put("notVisibleWithin60s", missing);
            result.put("p50Ms", latency.getValueAtPercentile(50) / 1e6);
            result.put("p99Ms", latency.getValueAtPercentile(99) / 1e6);
            result.put("p999Ms", latency.getValueAtPercentile(99.9) / 1e6);
            result.put("maxMs", latency.getMaxValue() / 1e6);
            put("visible." + rate, result);
            System.out.printf("visible@%d: %s%n", rate, result);
        }
    }

    // --- analytics: live consumption into the projections, then a rebuild of everything -----------------------
    private static final int ANALYTICS_LEADS = 500_000;

    /**
     * Issue 6's consumption and rebuild figures. Publishes 1,000,000 lead events (500,000 leads created, each then
     * qualified to MQL) straight onto {@code lead-events} as lead-service would, and measures how fast
     * analytics-service applies them (from its own counter of applied events). Then asks for a rebuild of every
     * projection from offset 0 and follows its progress to the end. Compare with {@code kafka} and {@code store}
     * of the same run.
     */
    private void analyticsConsumptionAndRebuild() throws Exception {
        String tenant = "consume-" + UUID.randomUUID().toString().substring(0, 8);
        long appliedBefore = projectionEventsApplied("lead-funnel");
        long events = 2L * ANALYTICS_LEADS;
        long started = System.nanoTime();
        try (var producer = new KafkaProducer<String, byte[]>(bulkProducerProperties())) {
            Instant at = Instant.parse("2026-06-01T08:00:00Z");
            for (int i = 0; i < ANALYTICS_LEADS; i++) {
                String leadId = tenant + "-" + i;
                producer.send(leadEvent(
                        tenant,
                        leadId,
                        1,
                        "stageflow.lead.created",
                        new io.stageflow.events.lead.LeadCreated(leadId, "bench", null, "NEW", null, at)));
                producer.send(leadEvent(
                        tenant,
                        leadId,
                        2,
                        "stageflow.lead.qualified",
                        new io.stageflow.events.lead.LeadQualified(leadId, "NEW", "MQL", 80, at.plusSeconds(60))));
            }
            producer.flush();
        }
        awaitApplied("lead-funnel", appliedBefore, events, started, "analytics.live");

        awaitQuiet();
        String admin = "Bearer " + credentials.get("STAGEFLOW_TOKEN");
        var start = http.send(
                HttpRequest.newBuilder(URI.create(gateway + "/api/v1/analytics/rebuild"))
                        .header("Authorization", admin)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (start.statusCode() != 202) {
            throw new IllegalStateException("rebuild refused: " + start.statusCode() + " " + start.body());
        }
        long rebuildStarted = System.nanoTime();
        tools.jackson.databind.JsonNode progress;
        do {
            Thread.sleep(1000);
            progress = JSON.readTree(http.send(
                            HttpRequest.newBuilder(URI.create(gateway + "/api/v1/analytics/rebuild"))
                                    .header("Authorization", admin)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            System.out.printf("  rebuild %s%n", progress);
        } while (!List.of("DONE", "FAILED").contains(progress.get("state").asString())
                && seconds(rebuildStarted) < 1800);
        Map<String, Object> rebuild = new LinkedHashMap<>();
        rebuild.put("state", progress.get("state").asString());
        rebuild.put("events", progress.get("eventsTotal").asLong());
        rebuild.put("seconds", seconds(rebuildStarted));
        rebuild.put("eventsPerSecond", progress.get("eventsTotal").asLong() / seconds(rebuildStarted));
        put("analytics.rebuild", rebuild);
        System.out.printf("analytics rebuild: %s%n", rebuild);
    }

    private static final int QUERY_DEALS = 1_000_000;

    /**
     * Issue 6's query figure: funnel and forecast of a pipeline holding 1,000,000 deals. Publishes the pipeline and
     * its deals onto {@code deal-events} as deal-service would (for the token's own tenant, since queries answer the
     * caller's tenant), waits until analytics applied them all (consumption rate as a second live figure, on deal
     * events), then asks for the funnel and the forecast through the gateway, one after the other.
     */
    private void dealQueriesOverAMillionDeals() throws Exception {
        String tenant = credentials.get("STAGEFLOW_TENANT");
        String pipelineId = "bench-1m-" + UUID.randomUUID().toString().substring(0, 8);
        long appliedBefore = projectionEventsApplied("deal-histories");
        Instant at = Instant.parse("2026-06-01T08:00:00Z");
        List<io.stageflow.events.deal.PipelineStage> stages = new ArrayList<>();
        for (int s = 0; s < OPEN_STAGES.size(); s++) {
            stages.add(new io.stageflow.events.deal.PipelineStage(
                    OPEN_STAGES.get(s), OPEN_STAGES.get(s), 10 + 15 * s, 14, "OPEN"));
        }
        stages.add(new io.stageflow.events.deal.PipelineStage("won", "Won", 100, null, "WON"));
        stages.add(new io.stageflow.events.deal.PipelineStage("lost", "Lost", 0, null, "LOST"));
        long started = System.nanoTime();
        try (var producer = new KafkaProducer<String, byte[]>(bulkProducerProperties())) {
            producer.send(dealEvent(
                    tenant,
                    pipelineId,
                    1,
                    "stageflow.pipeline.defined",
                    new io.stageflow.events.deal.PipelineDefined(
                            pipelineId, "A million deals", "SALES", 1, stages, List.of("price"), at)));
            producer.flush();
            for (int i = 0; i < QUERY_DEALS; i++) {
                String dealId = pipelineId + "-" + i;
                producer.send(dealEvent(
                        tenant,
                        dealId,
                        1,
                        "stageflow.deal.created",
                        new io.stageflow.events.deal.DealCreated(
                                dealId,
                                pipelineId,
                                OPEN_STAGES.get(i % OPEN_STAGES.size()),
                                new io.stageflow.events.Money(100_000L + i % 9_000_000, i % 4 == 0 ? "USD" : "EUR"),
                                10 + 15 * (i % OPEN_STAGES.size()),
                                "owner-" + i % 20,
                                null,
                                java.time.LocalDate.of(2026, 7, 1).plusDays(i % 365),
                                List.of(),
                                false,
                                at.plusMillis(i))));
            }
            producer.flush();
        }
        awaitApplied("deal-histories", appliedBefore, QUERY_DEALS, started, "analytics.liveDeals");
        awaitTallied(started);

        awaitQuiet();
        String token = "Bearer " + credentials.get("STAGEFLOW_TOKEN");
        for (String endpoint : List.of("funnel", "forecast")) {
            double fromTallyBefore = analyticsMetric("stageflow_analytics_deal_answers_total{", "source=\"tally\"");
            var latency = new Histogram(Duration.ofMinutes(5).toNanos(), 3);
            long began = System.nanoTime();
            // answered from the tally: 200 measured; read from every history (25 s each): as many as 5 minutes allow
            for (int q = 0; q < 201 && seconds(began) < 300; q++) {
                long sent = System.nanoTime();
                var response = http.send(
                        HttpRequest.newBuilder(URI.create(
                                        gateway + "/api/v1/analytics/" + endpoint + "?pipelineId=" + pipelineId))
                                .timeout(Duration.ofMinutes(2))
                                .header("Authorization", token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(endpoint + " answered " + response.statusCode() + ": "
                            + response.body()
                                    .substring(0, Math.min(300, response.body().length())));
                }
                if (q > 0) { // the first warms the path
                    latency.recordValue(System.nanoTime() - sent);
                }
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("deals", QUERY_DEALS);
            result.put("requests", latency.getTotalCount());
            result.put("p50Ms", latency.getValueAtPercentile(50) / 1e6);
            result.put("p99Ms", latency.getValueAtPercentile(99) / 1e6);
            result.put("answeredFromTally", (long)
                    (analyticsMetric("stageflow_analytics_deal_answers_total{", "source=\"tally\"") - fromTallyBefore));
            if (endpoint.equals("funnel")) {
                result.put("equalsReadingEveryHistory", funnelFromTallyEqualsReadingEveryHistory(pipelineId, token));
            }
            put("dealQueries." + endpoint, result);
            System.out.printf("%s of %,d deals: %s%n", endpoint, QUERY_DEALS, result);
        }
    }

    /**
     * Follows analytics' own counter of applied events until {@code expected} more than {@code appliedBefore} are
     * applied (or 30 minutes passed), and records the rate since {@code started} (publishing included) as
     * {@code figure}.
     */
    private void awaitApplied(String projection, long appliedBefore, long expected, long started, String figure)
            throws Exception {
        double publishSeconds = seconds(started);
        long applied;
        while ((applied = projectionEventsApplied(projection) - appliedBefore) < expected && seconds(started) < 1800) {
            Thread.sleep(1000);
            System.out.printf("  analytics applied %,d of %,d events%n", applied, expected);
        }
        double consumeSeconds = seconds(started);
        Map<String, Object> live = new LinkedHashMap<>();
        live.put("events", expected);
        live.put("applied", applied);
        live.put("publishSeconds", publishSeconds);
        live.put("secondsUntilAllApplied", consumeSeconds);
        live.put("eventsPerSecond", applied / consumeSeconds);
        put(figure, live);
        System.out.printf("%s: %s%n", figure, live);
    }

    private Properties bulkProducerProperties() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return properties;
    }

    private ProducerRecord<String, byte[]> dealEvent(
            String tenant, String subject, long sequence, String type, Object data) {
        return event("deal-events", "/stageflow/deal-service", tenant, subject, sequence, type, data);
    }

    private ProducerRecord<String, byte[]> leadEvent(
            String tenant, String leadId, long sequence, String type, Object data) {
        return event("lead-events", "/stageflow/lead-service", tenant, leadId, sequence, type, data);
    }

    /** A record as the owning service's outbox relay writes it: keyed by its subject, CloudEvents in the headers. */
    private static ProducerRecord<String, byte[]> event(
            String topic, String source, String tenant, String subject, long sequence, String type, Object data) {
        var headers =
                StackFiles.cloudEventHeaders(UUID.randomUUID().toString(), source, type, subject, tenant, sequence);
        return new ProducerRecord<>(topic, null, subject, JSON.writeValueAsBytes(data), headers);
    }

    /** analytics-service's own count of events a projection applied (applied now or when their gap was filled). */
    /**
     * Whether the funnel as answered now (from the tally, ADR 0014) equals the funnel of every deal created since
     * 2000, which a period forces to be read from every history: the same numbers, by the other path.
     */
    private boolean funnelFromTallyEqualsReadingEveryHistory(String pipelineId, String token) throws Exception {
        List<tools.jackson.databind.JsonNode> answers = new ArrayList<>();
        for (String period : List.of("", "&from=2000-01-01")) {
            var response = http.send(
                    HttpRequest.newBuilder(
                                    URI.create(gateway + "/api/v1/analytics/funnel?pipelineId=" + pipelineId + period))
                            .timeout(Duration.ofMinutes(2))
                            .header("Authorization", token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            var funnel = (tools.jackson.databind.node.ObjectNode) JSON.readTree(response.body());
            funnel.remove(List.of("asOf", "from", "to"));
            answers.add(funnel);
        }
        return answers.get(0).equals(answers.get(1));
    }

    /**
     * Waits until the deal tallier has counted every changed history and no pipeline tally is still being filled
     * (ADR 0014), and records how long after the first event that was: until then funnel and forecast read every
     * history.
     */
    private static final String DEAL_TALLIES = "subject=\"deal\"";

    private void awaitTallied(long started) throws Exception {
        double appliedSeconds = seconds(started);
        while (seconds(started) < 3600
                && (analyticsMetric("stageflow_analytics_tallies_incomplete", DEAL_TALLIES) != 0
                        || analyticsMetric("stageflow_analytics_tallier_backlog", DEAL_TALLIES) != 0)) {
            Thread.sleep(2000);
            System.out.printf(
                    "  tallier counted %,.0f deal changes%n",
                    analyticsMetric("stageflow_analytics_tallier_counted_total", DEAL_TALLIES));
        }
        Map<String, Object> tallied = new LinkedHashMap<>();
        tallied.put("secondsUntilTallied", seconds(started));
        tallied.put("secondsAfterAllApplied", seconds(started) - appliedSeconds);
        tallied.put("dealChangesCounted", (long)
                analyticsMetric("stageflow_analytics_tallier_counted_total", DEAL_TALLIES));
        put("analytics.tallyCaughtUp", tallied);
        System.out.printf("analytics.tallyCaughtUp: %s%n", tallied);
    }

    /** The sum of analytics-service's Prometheus samples whose line starts with {@code name} and holds {@code tag}. */
    private double analyticsMetric(String name, String tag) throws Exception {
        return analyticsMetric(line -> line.startsWith(name) && line.contains(tag));
    }

    /** The sum of analytics-service's Prometheus samples whose line {@code matches}, from one scrape. */
    private double analyticsMetric(java.util.function.Predicate<String> matches) throws Exception {
        var metrics = http.send(
                HttpRequest.newBuilder(URI.create(analyticsService + "/actuator/prometheus"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        double sum = 0;
        for (String line : metrics.body().lines().toList()) {
            if (matches.test(line)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    private long projectionEventsApplied(String projection) throws Exception {
        return (long) analyticsMetric(line -> line.startsWith("stageflow_projection_events_total{")
                && line.contains("projection=\"" + projection + "\"")
                && (line.contains("outcome=\"applied\"") || line.contains("outcome=\"unparked\"")));
    }

    // --- the price of metrics and tracing: the same service with and without them, same run ----------------
    /** Settings that switch off every observation (so no HTTP, Kafka or store metrics and no spans) and meters. */
    private static final List<String> OBSERVABILITY_OFF = List.of(
            "--management.observations.enable.all=false",
            "--management.metrics.enable.all=false",
            "--management.tracing.export.enabled=false");

    /**
     * Issue 8's overhead figure. Two fresh lead-service instances beside the stack, alike in everything (jar, JVM
     * options, store, broker) except that one runs with metrics and tracing as shipped and the other with both off.
     * Both are warmed up, then measured in alternating rounds (the order flips each round, so drift in the machine
     * falls on both) with an authenticated GET of one lead at 500/s and lead creation at 200/s; the rounds' latencies
     * are combined per instance.
     */
    private void observabilityOverhead() throws Exception {
        String token = "Bearer " + credentials.get("STAGEFLOW_TOKEN");
        int basePort = Integer.parseInt(leadService.substring(leadService.lastIndexOf(':') + 1)) + 300;
        Map<String, String> variants = new LinkedHashMap<>();
        variants.put("on", "http://127.0.0.1:" + basePort);
        variants.put("off", "http://127.0.0.1:" + (basePort + 1));
        List<Process> instances = new ArrayList<>();
        try {
            instances.add(startLeadService(basePort, List.of()));
            instances.add(startLeadService(basePort + 1, OBSERVABILITY_OFF));
            for (String url : variants.values()) {
                awaitHealthy(url);
            }
            String leadId = JSON.readTree(http.send(
                                    HttpRequest.newBuilder(URI.create(variants.get("on") + "/api/v1/leads"))
                                            .header("Authorization", token)
                                            .header("Content-Type", "application/json")
                                            .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"observability-"
                                                    + UUID.randomUUID() + "@bench.example\"}"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body())
                    .get("id")
                    .asString();
            Map<String, Histogram> reads = new LinkedHashMap<>();
            Map<String, Histogram> writes = new LinkedHashMap<>();
            for (var variant : variants.entrySet()) {
                String url = variant.getValue();
                openModel(
                        "observability-" + variant.getKey() + "-warm-up",
                        300,
                        Duration.ofSeconds(20),
                        200,
                        i -> get(url + "/api/v1/leads/" + leadId, token));
                run("observability-" + variant.getKey() + "-create-warm-up", url, token, 100, Duration.ofSeconds(10));
                reads.put(variant.getKey(), new Histogram(Duration.ofSeconds(30).toNanos(), 3));
                writes.put(
                        variant.getKey(), new Histogram(Duration.ofSeconds(30).toNanos(), 3));
            }
            List<String> order = new ArrayList<>(variants.keySet());
            for (int round = 0; round < 4; round++) {
                for (String variant : order) {
                    String url = variants.get(variant);
                    awaitQuiet();
                    openModel(
                            "observability-" + variant + "-get@500",
                            500,
                            Duration.ofSeconds(10),
                            200,
                            i -> get(url + "/api/v1/leads/" + leadId, token),
                            reads.get(variant));
                    awaitQuiet();
                    openModel(
                            "observability-" + variant + "-create@200",
                            200,
                            Duration.ofSeconds(10),
                            201,
                            createLead(url, token, "observability-" + variant + "-" + round),
                            writes.get(variant));
                }
                java.util.Collections.reverse(order);
            }
            for (var request : Map.of("get500", reads, "create200", writes).entrySet()) {
                Histogram on = request.getValue().get("on");
                Histogram off = request.getValue().get("off");
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("requestsEach", on.getTotalCount());
                result.put("onP50Ms", on.getValueAtPercentile(50) / 1e6);
                result.put("offP50Ms", off.getValueAtPercentile(50) / 1e6);
                result.put("onP99Ms", on.getValueAtPercentile(99) / 1e6);
                result.put("offP99Ms", off.getValueAtPercentile(99) / 1e6);
                result.put("p50OverheadMs", (on.getValueAtPercentile(50) - off.getValueAtPercentile(50)) / 1e6);
                result.put("p99OverheadMs", (on.getValueAtPercentile(99) - off.getValueAtPercentile(99)) / 1e6);
                put("observability." + request.getKey(), result);
                System.out.printf("observability %s: %s%n", request.getKey(), result);
            }
        } finally {
            instances.forEach(Process::destroy);
        }
    }

    private java.util.function.LongFunction<HttpRequest> createLead(String base, String token, String tag) {
        return i -> HttpRequest.newBuilder(URI.create(base + "/api/v1/leads"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + tag + "-" + i + "-"
                        + UUID.randomUUID().toString().substring(0, 8)
                        + "@bench.example\",\"firstName\":\"Bench\",\"company\":\"Load Test Ltd\",\"source\":\"web\"}"))
                .build();
    }

    /** Another lead-service from the built jar, with the launcher's JVM options, against the stack's store and broker. */
    private Process startLeadService(int port, List<String> arguments) throws IOException {
        Path jar;
        try (var jars = Files.list(Path.of("lead-service", "target"))) {
            jar = jars.filter(file -> file.getFileName().toString().matches("lead-service-.*[0-9T]\\.jar"))
                    .findFirst()
                    .orElseThrow(
                            () -> new IllegalStateException("lead-service is not built: run ./stageflow up first"));
        }
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UseSerialGC",
                "-Xms64m",
                "-Xmx512m",
                "-XX:TieredStopAtLevel=1",
                "-Xss512k",
                "-jar",
                jar.toString()));
        command.addAll(arguments);
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        home.resolve("logs/bench-lead-service-" + port + ".log").toFile());
        Map<String, String> env = process.environment();
        env.put("PORT", Integer.toString(port));
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("MONGODB_URI", mongoUri);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put(
                "STAGEFLOW_JWT_SECRET",
                StackFiles.readEnv(home.resolve("secrets.env")).get("STAGEFLOW_JWT_SECRET"));
        return process.start();
    }

    private void awaitHealthy(String base) throws Exception {
        long started = System.nanoTime();
        while (seconds(started) < 180) {
            try {
                var health = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(base + " did not become healthy within 180 s");
    }

    // --- board of a pipeline holding 100,000 deals: latency of the first page of every stage ------------
    private static final List<String> OPEN_STAGES =
            List.of("lead-generation", "qualification", "nurturing", "proposal", "negotiation", "closing");

    private void board() throws Exception {
        seedDeals(100_000);
        String token = "Bearer " + credentials.get("STAGEFLOW_TOKEN");
        for (String[] target : List.of(new String[] {"gateway", gateway}, new String[] {"direct", dealService})) {
            var latency = new Histogram(Duration.ofSeconds(60).toNanos(), 3);
            String path = target[1] + "/api/v1/pipelines/" + benchPipelineId + "/board";
            int requests = 0;
            long started = System.nanoTime();
            while (requests < 200 && seconds(started) < 90) {
                long sent = System.nanoTime();
                var response = http.send(
                        HttpRequest.newBuilder(URI.create(path))
                                .header("Authorization", token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("board answered " + response.statusCode() + ": " + response.body());
                }
                if (requests++ >= 5) { // the first few warm up the JIT and caches
                    latency.recordValue(System.nanoTime() - sent);
                }
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("deals", benchDealIds.size());
            result.put("requests", latency.getTotalCount());
            result.put("p50Ms", latency.getValueAtPercentile(50) / 1e6);
            result.put("p99Ms", latency.getValueAtPercentile(99) / 1e6);
            result.put("maxMs", latency.getMaxValue() / 1e6);
            put("board." + target[0], result);
            System.out.printf(
                    "board %s (%d deals): p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d requests%n",
                    target[0],
                    benchDealIds.size(),
                    latency.getValueAtPercentile(50) / 1e6,
                    latency.getValueAtPercentile(99) / 1e6,
                    latency.getMaxValue() / 1e6,
                    latency.getTotalCount());
        }
    }

    /**
     * A pipeline of its own with {@code count} open deals spread over its stages, written straight into the
     * store in bulk (the board reads them; creating them through the API would only measure creation).
     */
    private void seedDeals(int count) throws Exception {
        if (benchDealIds.size() >= count) {
            return;
        }
        String token = "Bearer " + credentials.get("STAGEFLOW_TOKEN");
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder stages = new StringBuilder("[");
        for (int s = 0; s < OPEN_STAGES.size(); s++) {
            stages.append(s == 0 ? "" : ",")
                    .append("{\"key\":\"")
                    .append(OPEN_STAGES.get(s))
                    .append("\",\"name\":\"Stage ")
                    .append(s + 1)
                    .append("\",\"probability\":")
                    .append(10 + s * 15)
                    .append(",\"rottingDays\":14,\"type\":\"OPEN\"}");
        }
        stages.append(",{\"key\":\"won\",\"name\":\"Won\",\"probability\":100,\"type\":\"WON\"}")
                .append(",{\"key\":\"lost\",\"name\":\"Lost\",\"probability\":0,\"type\":\"LOST\"}]");
        var created = http.send(
                HttpRequest.newBuilder(URI.create(gateway + "/api/v1/pipelines"))
                        .header("Authorization", token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Bench " + run
                                + "\",\"kind\":\"SALES\",\"stages\":" + stages + ",\"lostReasons\":[\"price\"]}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("pipeline refused: " + created.statusCode() + " " + created.body());
        }
        benchPipelineId = JSON.readTree(created.body()).get("id").asString();
        String tenant = credentials.get("STAGEFLOW_TENANT");
        List<String> ids = new ArrayList<>(count);
        long started = System.nanoTime();
        try (MongoClient client = MongoClients.create(mongoUri)) {
            var deals = client.getDatabase("stageflow_deals").getCollection("deals");
            var now = new java.util.Date();
            List<Document> batch = new ArrayList<>(1000);
            for (int i = 0; i < count; i++) {
                String id = "bench-" + run + "-" + String.format("%07d", i);
                ids.add(id);
                batch.add(new Document("_id", id)
                        .append("tenantId", tenant)
                        .append("title", "Bench deal " + i)
                        .append("pipelineId", benchPipelineId)
                        .append("stageKey", OPEN_STAGES.get(i % OPEN_STAGES.size()))
                        .append("stageEnteredAt", now)
                        .append("lastOpenStageKey", OPEN_STAGES.get(i % OPEN_STAGES.size()))
                        .append(
                                "amount",
                                new Document("minorUnits", 100_000L + i % 9_000_000)
                                        .append("currency", i % 4 == 0 ? "USD" : "EUR"))
                        .append("labels", List.of())
                        .append("activities", List.of())
                        .append("status", "OPEN")
                        .append(
                                "rotsAt",
                                new java.util.Date(
                                        now.getTime() + Duration.ofDays(14).toMillis()))
                        .append("openActivities", 0)
                        .append("stale", true)
                        .append("createdAt", now)
                        .append("updatedAt", now)
                        .append("version", 0L)
                        .append("sequence", 1L)
                        .append("outbox", List.of())
                        .append("_class", "io.stageflow.deal.deals.Deal"));
                if (batch.size() == 1000) {
                    deals.insertMany(batch);
                    batch = new ArrayList<>(1000);
                }
            }
            if (!batch.isEmpty()) {
                deals.insertMany(batch);
            }
        }
        benchDealIds = ids;
        System.out.printf("seeded %d deals into pipeline %s in %.1f s%n", count, benchPipelineId, seconds(started));
    }

    // --- stage moves: open model at fixed rates, through the gateway and straight to deal-service -------
    private void stageMoves() throws Exception {
        seedDeals(100_000);
        String token = "Bearer " + credentials.get("STAGEFLOW_TOKEN");
        var next = new AtomicLong();
        for (String base : List.of(gateway, dealService)) {
            warmUp("moves", () -> stageMove(base, token, next.getAndIncrement()));
        }
        for (int rate : List.of(500, 1000)) {
            for (String[] target : List.of(new String[] {"gateway", gateway}, new String[] {"direct", dealService})) {
                awaitQuiet();
                Map<String, Object> result = openModel(
                        "moves-" + target[0] + "@" + rate,
                        rate,
                        Duration.ofSeconds(15),
                        200,
                        i -> stageMove(target[1], token, next.getAndIncrement()));
                put("moves." + target[0] + "." + rate, result);
            }
        }
    }

    /** The n-th move of the run: deals in turn, each to a different open stage than its last. */
    private HttpRequest stageMove(String baseUrl, String token, long n) {
        String dealId = benchDealIds.get((int) (n % benchDealIds.size()));
        String stage = OPEN_STAGES.get((int) ((n / benchDealIds.size() + n + 1) % OPEN_STAGES.size()));
        return HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/deals/" + dealId + "/stage"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"stageKey\":\"" + stage + "\"}"))
                .build();
    }

    // --- CSV import of 100,000 rows: seconds, and lead-service's memory while it runs -------------------
    private void csvImport() throws Exception {
        int rows = 100_000;
        Path file = Files.createTempFile("stageflow-bench-", ".csv");
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("E-Mail;Vorname;Nachname;Firma;Position;Mitarbeiter;Land\n");
            for (int i = 0; i < rows; i++) {
                out.write("import-" + run + "-" + i + "@bench.example;Vorname" + i + ";Nachname" + i + ";Firma "
                        + (i % 5000) + " GmbH;Einkauf;" + (i % 900) + ";DE\n");
            }
        }
        long pid = Long.parseLong(
                Files.readString(home.resolve("run/lead-service.pid")).strip());
        long rssBefore = rssMb(pid);
        long started = System.nanoTime();
        var response = http.send(
                HttpRequest.newBuilder(URI.create(gateway + "/api/v1/leads/imports"))
                        .header("Authorization", "Bearer " + credentials.get("STAGEFLOW_TOKEN"))
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofFile(file))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("import refused: " + response.statusCode() + " " + response.body());
        }
        String location = response.headers().firstValue("Location").orElseThrow();
        long peakRss = rssBefore;
        String status;
        var progress = JSON.readTree("{}");
        do {
            Thread.sleep(500);
            peakRss = Math.max(peakRss, rssMb(pid));
            progress = JSON.readTree(http.send(
                            HttpRequest.newBuilder(URI.create(gateway + location))
                                    .header("Authorization", "Bearer " + credentials.get("STAGEFLOW_TOKEN"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            status = progress.get("status").asString();
        } while ("RUNNING".equals(status));
        double seconds = seconds(started);
        Files.delete(file);
        put("csv.rows", rows);
        put("csv.fileMb", rows * 80 / 1_000_000.0);
        put("csv.seconds", seconds);
        put("csv.created", progress.get("created").asLong());
        put("csv.failed", progress.get("failed").asLong());
        put("csv.leadServiceRssBeforeMb", rssBefore);
        put("csv.leadServiceRssPeakMb", peakRss);
        System.out.printf(
                "csv: %d rows %s in %.1f s (%d created, %d failed); lead-service RSS %d MB before, %d MB peak%n",
                rows,
                status,
                seconds,
                progress.get("created").asLong(),
                progress.get("failed").asLong(),
                rssBefore,
                peakRss);
    }

    /**
     * Waits until the stack is idle (its processes together below a quarter of one core for 3 s running),
     * so a scenario is not measured while the previous one's events are still being consumed. Gives up after
     * three minutes and says so.
     */
    private void awaitQuiet() throws Exception {
        long started = System.nanoTime();
        int quietSamples = 0;
        long before = stackCpuTicks();
        while (quietSamples < 3 && seconds(started) < 180) {
            Thread.sleep(1000);
            long now = stackCpuTicks();
            double cores = (now - before) / 100.0; // clock ticks of 10 ms over one second
            before = now;
            quietSamples = cores < 0.25 ? quietSamples + 1 : 0;
        }
        System.out.printf("(stack quiet after %.0f s%s)%n", seconds(started), quietSamples < 3 ? ", gave up" : "");
    }

    private long stackCpuTicks() throws IOException {
        long ticks = 0;
        try (var pids = Files.newDirectoryStream(home.resolve("run"), "*.pid")) {
            for (Path pidFile : pids) {
                Path stat = Path.of("/proc", Files.readString(pidFile).strip(), "stat");
                if (Files.exists(stat)) {
                    String[] fields =
                            Files.readString(stat).replaceFirst("^.*\\) ", "").split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                }
            }
        }
        return ticks;
    }

    private void ratios() {
        Object store = results.get("store.bulkInsertsPerSecond");
        Object intake = results.get("intake.leadsPerSecondWithEventsPublished");
        Object consumer = results.get("kafka.consumerRecordsPerSecond");
        if (store instanceof Double s && intake instanceof Double i) {
            put("ratio.intakeToStoreBulkWrites", i / s);
        }
        if (consumer instanceof Double c && intake instanceof Double i) {
            put("ratio.intakeToKafkaConsumer", i / c);
        }
    }

    private void write() throws IOException {
        Path dir = Path.of("bench", "results");
        Files.createDirectories(dir);
        String stamp = LocalDate.now() + "-"
                + Instant.now().toString().substring(11, 19).replace(":", "");
        Files.writeString(
                dir.resolve(stamp + ".json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        var md = new StringBuilder("# Benchmark " + results.get("date") + "\n\n" + results.get("machine")
                + "\n\n| figure | value |\n| --- | --- |\n");
        results.forEach((key, value) -> {
            if (!key.equals("date") && !key.equals("machine")) {
                md.append("| ").append(key).append(" | ").append(format(value)).append(" |\n");
            }
        });
        Files.writeString(dir.resolve(stamp + ".md"), md.toString());
        System.out.println("results: " + dir.resolve(stamp + ".md"));
    }

    private static String format(Object value) {
        if (value instanceof Double d) {
            return String.format("%.2f", d);
        }
        if (value instanceof Map<?, ?> map) {
            var parts = new ArrayList<String>();
            map.forEach((k, v) -> parts.add(k + "=" + format(v)));
            return String.join(", ", parts);
        }
        return String.valueOf(value);
    }

    private void put(String key, Object value) {
        results.put(key, value);
    }

    private ProducerRecord<String, byte[]> capturedRecord(String tenant, int i) {
        String externalId = "bench-" + i;
        var captured = new LeadCaptured(
                externalId,
                "lead" + i + "@" + tenant + ".example",
                "First" + i,
                "Last" + i,
                "Company " + (i % 1000),
                "Buyer",
                null,
                "software",
                i % 900,
                "DE",
                "event",
                "bench",
                null,
                null,
                List.of(new LeadCaptured.Activity("page-visit", Instant.parse("2026-03-01T10:00:00Z"), 1)),
                null,
                null,
                null,
                Instant.parse("2026-03-01T10:00:00Z"));
        var headers = StackFiles.cloudEventHeaders(
                UUID.randomUUID().toString(), "/bench", "stageflow.lead.captured", externalId, tenant, null);
        return new ProducerRecord<>("lead-intake", null, externalId, JSON.writeValueAsBytes(captured), headers);
    }

    private static Document leadSizedDocument(int i) {
        return new Document("tenantId", "raw")
                .append("emailKey", "raw" + i + "@example.com")
                .append("email", "raw" + i + "@example.com")
                .append(
                        "profile",
                        new Document("firstName", "First" + i)
                                .append("lastName", "Last" + i)
                                .append("company", "Company " + (i % 1000))
                                .append("jobTitle", "Buyer")
                                .append("country", "DE"))
                .append("status", "NEW")
                .append("score", i % 100)
                .append(
                        "outbox",
                        List.of(new Document("eventId", UUID.randomUUID().toString())
                                .append("type", "stageflow.lead.created")
                                .append("data", "{\"leadId\":\"" + i + "\",\"source\":\"event\",\"status\":\"NEW\"}")))
                .append("createdAt", new java.util.Date());
    }

    private String runTool(String mainClass, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(mainClass + " failed:\n" + output);
        }
        return output;
    }

    private static long rssMb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(line -> line.startsWith("VmRSS"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024)
                    .findFirst()
                    .orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
