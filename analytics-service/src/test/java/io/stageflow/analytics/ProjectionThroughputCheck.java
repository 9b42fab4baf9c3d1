package io.stageflow.analytics;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.stageflow.events.Money;
import io.stageflow.events.deal.DealCreated;
import io.stageflow.events.deal.DealWon;
import io.stageflow.events.deal.StageChanged;
import io.stageflow.events.lead.LeadConverted;
import io.stageflow.events.lead.LeadCreated;
import io.stageflow.events.lead.LeadQualified;
import io.stageflow.platform.messaging.CloudEventCodec;
import io.stageflow.testsupport.TestInfrastructure;
import io.stageflow.testsupport.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Not part of the suite (its name does not end in Tests): how many lead and deal events per second the consumer
 * functions apply to the projections against the embedded store, run by hand:
 *
 * <pre>
 * ./mvnw -o -pl analytics-service test -Dtest=ProjectionThroughputCheck -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dthroughput.events=200000 -Dthroughput.store=h2 -Dthroughput.mode=batch -Dthroughput.batch=1000
 * </pre>
 *
 * The events are what a live stream looks like: waves of one event of each of many leads and deals (first every
 * creation, then every next step, shuffled within the wave), so a batch touches as many documents as it has events
 * (the worst case for folding a batch into one write per document). {@code store=h2} is the local stack's store
 * (mongo-java-server with its H2 file backend), {@code memory} the tests' one. {@code mode=single} hands the consumer
 * one record at a time, as the binder did before batch mode; {@code batch} hands it {@code throughput.batch} records
 * at a time, as a poll does. {@code -Dthroughput.shape=pairs} sends instead what the official benchmark sends: each
 * lead's creation and qualification one after the other.
 */
class ProjectionThroughputCheck {

    private static final Instant DAY_0 = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void measure() throws Exception {
        int events = Integer.getInteger("throughput.events", 200_000);
        int batch = Integer.getInteger("throughput.batch", 1000);
        String mode = System.getProperty("throughput.mode", "batch");
        String store = System.getProperty("throughput.store", "h2");

        MongoServer mongo;
        if (store.equals("h2")) {
            Path file = Files.createTempDirectory("throughput").resolve("store.mv");
            mongo = new MongoServer(new H2Backend(file.toString()));
        } else {
            mongo = new MongoServer(new MemoryBackend());
        }
        var address = mongo.bind();
        var kafka = TestInfrastructure.endpoints().kafkaBootstrapServers();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(AnalyticsServiceApplication.class)
                .initializers(app -> app.getEnvironment()
                        .getPropertySources()
                        .addFirst(new MapPropertySource(
                                "throughput",
                                Map.of(
                                        "spring.kafka.bootstrap-servers",
                                        kafka,
                                        "spring.mongodb.uri",
                                        "mongodb://127.0.0.1:" + address.getPort() + "/throughput",
                                        "spring.mongodb.database",
                                        "throughput",
                                        "stageflow.security.jwt.secret",
                                        TestTokens.SECRET))))
                .run(
                        "--server.port=0",
                        "--spring.cloud.stream.bindings.leadEvents-in-0.consumer.auto-startup=false",
                        "--spring.cloud.stream.bindings.dealEvents-in-0.consumer.auto-startup=false",
                        "--spring.cloud.stream.bindings.surveyEvents-in-0.consumer.auto-startup=false");
        try {
            var codec = context.getBean(CloudEventCodec.class);
            String shape = System.getProperty("throughput.shape", "waves");
            List<ProducerRecord<String, byte[]>> records = shape.equals("pairs")
                    ? pairs(codec, events, "tenant-measured")
                    : stream(codec, events, new Random(42));
            @SuppressWarnings("unchecked")
            Map<String, Consumer<Message<?>>> consumers = Map.of(
                    "lead-events", context.getBean("leadEvents", Consumer.class),
                    "deal-events", context.getBean("dealEvents", Consumer.class));

            // a warm-up on another tenant, so the JIT and the store's first collections do not count
            List<ProducerRecord<String, byte[]>> warmUp = shape.equals("pairs")
                    ? pairs(codec, Math.min(20_000, events / 5), "tenant-warm-up")
                    : stream(codec, Math.min(20_000, events / 5), new Random(7));
            deliver(warmUp, consumers, mode, batch);

            long started = System.nanoTime();
            deliver(records, consumers, mode, batch);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(
                    "%n[throughput] %d events (%s), mode %s, batch %d, store %s: %.1f s, %.0f events/s%n%n",
                    records.size(),
                    shape,
                    mode,
                    mode.equals("single") ? 1 : batch,
                    store,
                    seconds,
                    records.size() / seconds);
        } finally {
            context.close();
            mongo.shutdownNow();
        }
    }

    private static void deliver(
            List<ProducerRecord<String, byte[]>> records,
            Map<String, Consumer<Message<?>>> consumers,
            String mode,
            int batch) {
        if (mode.equals("single")) {
            for (var record : records) {
                consumers.get(record.topic()).accept(message(record));
            }
            return;
        }
        // a poll hands over records of one topic; each topic's records keep their order
        Map<String, List<ProducerRecord<String, byte[]>>> pending = new HashMap<>();
        for (var record : records) {
            var topicRecords = pending.computeIfAbsent(record.topic(), t -> new ArrayList<>());
            topicRecords.add(record);
            if (topicRecords.size() == batch) {
                consumers.get(record.topic()).accept(batchOf(topicRecords));
                topicRecords.clear();
            }
        }
        pending.forEach((topic, rest) -> {
            if (!rest.isEmpty()) {
                consumers.get(topic).accept(batchOf(rest));
            }
        });
    }

    private static Message<byte[]> message(ProducerRecord<String, byte[]> record) {
        var message = MessageBuilder.withPayload(record.value());
        for (Header header : record.headers()) {
            message.setHeader(header.key(), header.value());
        }
        return message.build();
    }

    /** What the binder hands a batch consumer: the bodies, and per record its headers and key. */
    private static Message<List<byte[]>> batchOf(List<ProducerRecord<String, byte[]>> records) {
        List<byte[]> payloads = new ArrayList<>();
        List<Map<String, Object>> headers = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        for (var record : records) {
            payloads.add(record.value());
            Map<String, Object> recordHeaders = new HashMap<>();
            for (Header header : record.headers()) {
                recordHeaders.put(header.key(), header.value());
            }
            headers.add(recordHeaders);
            keys.add(record.key());
        }
        return MessageBuilder.withPayload(payloads)
                .setHeader(KafkaHeaders.BATCH_CONVERTED_HEADERS, headers)
                .setHeader(KafkaHeaders.RECEIVED_KEY, keys)
                .build();
    }

    /**
     * What the official benchmark publishes ({@code bench analytics}): per lead its creation and right after it its
     * qualification to MQL, lead after lead.
     */
    private static List<ProducerRecord<String, byte[]>> pairs(CloudEventCodec codec, int events, String tenant) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int l = 0; l < events / 2; l++) {
            String lead = "lead-" + l;
            records.add(codec.toRecord(
                    codec.toOutboxEntry(tenant, lead, 1, new LeadCreated(lead, "bench", null, "NEW", null, DAY_0))));
            records.add(codec.toRecord(codec.toOutboxEntry(
                    tenant, lead, 2, new LeadQualified(lead, "NEW", "MQL", 80, DAY_0.plusSeconds(60)))));
        }
        return records;
    }

    /**
     * About {@code events} records: half lead events (created, MQL, SQL, converted per lead), half deal events
     * (created, two stage moves, won per deal), in waves.
     */
    private static List<ProducerRecord<String, byte[]>> stream(CloudEventCodec codec, int events, Random random) {
        String tenant = "tenant-" + random.nextInt(1_000_000);
        int leads = Math.max(1, events / 2 / 4);
        int deals = Math.max(1, events / 2 / 4);
        Money amount = new Money(1_000_000, "EUR");
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int wave = 1; wave <= 4; wave++) {
            List<ProducerRecord<String, byte[]>> inWave = new ArrayList<>();
            for (int l = 0; l < leads; l++) {
                String lead = "lead-" + l;
                Instant at = DAY_0.plusSeconds(wave * 3600L);
                Object event = switch (wave) {
                    case 1 -> new LeadCreated(lead, l % 3 == 0 ? "web" : "ads", null, "NEW", null, DAY_0);
                    case 2 -> new LeadQualified(lead, "NEW", "MQL", 70, at);
                    case 3 -> new LeadQualified(lead, "MQL", "SQL", 90, at);
                    default -> new LeadConverted(lead, "deal-" + l, "pipeline-1", "Deal", null, null, at);
                };
                inWave.add(codec.toRecord(codec.toOutboxEntry(tenant, lead, wave, event)));
            }
            for (int d = 0; d < deals; d++) {
                String deal = "deal-" + d;
                Instant at = DAY_0.plusSeconds(wave * 3600L);
                Object event = switch (wave) {
                    case 1 ->
                        new DealCreated(
                                deal, "pipeline-1", "lead", amount, 10, "ann", null, null, List.of(), false, DAY_0);
                    case 2 -> new StageChanged(deal, "pipeline-1", "lead", "qualified", 3600, amount, 30, false, at);
                    case 3 ->
                        new StageChanged(deal, "pipeline-1", "qualified", "proposal", 3600, amount, 60, false, at);
                    default -> new DealWon(deal, "pipeline-1", "proposal", "won", 3600, amount, at);
                };
                inWave.add(codec.toRecord(codec.toOutboxEntry(tenant, deal, wave, event)));
            }
            Collections.shuffle(inWave, random);
            records.addAll(inWave);
        }
        return records;
    }
}
