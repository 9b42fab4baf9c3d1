package io.stageflow.analytics;

import io.stageflow.analytics.sequencing.Generation;
import io.stageflow.platform.messaging.CloudEventCodec;
import io.stageflow.testsupport.StageflowInfrastructureInitializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The analytics application against the test store, with its Kafka bindings left stopped: events are handed to
 * the same consumer functions the binder calls, in an order a property chose and in batches of sizes it chose, so
 * hundreds of delivery orders run in seconds and every run is repeatable. One context serves every property of the JVM; each try writes under a
 * tenant of its own, so nothing needs wiping between tries.
 *
 * <p>The bindings stay stopped so that this context never joins the service's consumer group: it would take
 * partitions away from the contexts of the Kafka-path integration tests running in the same JVM.
 */
public final class ProjectionHarness {

    /** Every collection a projection writes, each holding {@code tenantId}. */
    public static final List<String> PROJECTION_COLLECTIONS = List.of(
            "lead_funnel_entries",
            "pipeline_definitions",
            "deal_histories",
            "survey_definitions",
            "survey_runs",
            "survey_responses");

    private static ProjectionHarness shared;

    private final ConfigurableApplicationContext context;
    private final CloudEventCodec codec;
    private final MongoTemplate mongo;

    private ProjectionHarness(ConfigurableApplicationContext context) {
        this.context = context;
        this.codec = context.getBean(CloudEventCodec.class);
        this.mongo = context.getBean(MongoTemplate.class);
    }

    /** Started on first use, closed when the JVM exits. */
    public static synchronized ProjectionHarness shared() {
        if (shared == null) {
            var context = new SpringApplicationBuilder(AnalyticsServiceApplication.class)
                    .initializers(new StageflowInfrastructureInitializer())
                    .run(
                            "--server.port=0",
                            "--spring.cloud.stream.bindings.leadEvents-in-0.consumer.auto-startup=false",
                            "--spring.cloud.stream.bindings.dealEvents-in-0.consumer.auto-startup=false",
                            "--spring.cloud.stream.bindings.surveyEvents-in-0.consumer.auto-startup=false");
            shared = new ProjectionHarness(context);
        }
        return shared;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public MongoTemplate mongo() {
        return mongo;
    }

    /**
     * An event as the binder hands it to a consumer: body and {@code ce_*} headers as bytes, exactly as the outbox
     * relay publishes it. Built once per event, so a redelivery carries the same event id, as Kafka's would.
     */
    public WireEvent wire(String tenantId, String aggregateId, long sequence, Object event) {
        var record = codec.toRecord(codec.toOutboxEntry(tenantId, aggregateId, sequence, event));
        var message = MessageBuilder.withPayload(record.value());
        for (Header header : record.headers()) {
            message.setHeader(header.key(), header.value());
        }
        return new WireEvent(record.topic(), aggregateId, sequence, message.build());
    }

    /** Hands the event to the consumer function bound to its topic as a batch of one, as the binder might. */
    public void deliver(WireEvent event) {
        deliverBatch(List.of(event));
    }

    /** Hands the events one at a time, each a batch of its own. */
    public void deliverAll(List<WireEvent> events) {
        events.forEach(this::deliver);
    }

    /**
     * Hands the events, which share a topic, to the consumer function bound to it as one batch, as the binder hands
     * over a poll: the bodies, and per record its headers and key.
     */
    @SuppressWarnings("unchecked")
    public void deliverBatch(List<WireEvent> events) {
        String topic = events.getFirst().topic();
        String consumer = switch (topic) {
            case "lead-events" -> "leadEvents";
            case "deal-events" -> "dealEvents";
            case "survey-events" -> "surveyEvents";
            default -> throw new IllegalArgumentException("no consumer reads " + topic);
        };
        List<byte[]> payloads = new ArrayList<>();
        List<Map<String, Object>> headers = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        for (WireEvent event : events) {
            if (!event.topic().equals(topic)) {
                throw new IllegalArgumentException("a batch holds one topic's records: " + events);
            }
            payloads.add(event.message().getPayload());
            Map<String, Object> recordHeaders =
                    new LinkedHashMap<>(event.message().getHeaders());
            recordHeaders.remove(MessageHeaders.ID);
            recordHeaders.remove(MessageHeaders.TIMESTAMP);
            headers.add(recordHeaders);
            keys.add(event.aggregateId().getBytes(StandardCharsets.UTF_8));
        }
        Message<List<byte[]>> batch = MessageBuilder.withPayload(payloads)
                .setHeader(KafkaHeaders.BATCH_CONVERTED_HEADERS, headers)
                .setHeader(KafkaHeaders.RECEIVED_KEY, keys)
                .build();
        ((Consumer<Message<List<byte[]>>>) context.getBean(consumer, Consumer.class)).accept(batch);
    }

    /**
     * Hands the events over in the order given, in batches as polls would make them: runs of one topic's records, cut
     * at sizes drawn from {@code random}, from one record at a time to the whole run at once.
     */
    public void deliverInBatches(List<WireEvent> events, Random random) {
        int[] limits = {1, 2, 3, 5, 8, 16, 64, Integer.MAX_VALUE};
        int limit = limits[random.nextInt(limits.length)];
        int from = 0;
        while (from < events.size()) {
            int size = limit == 1 ? 1 : 1 + random.nextInt(Math.min(limit, events.size() - from));
            int to = from + 1;
            while (to < events.size()
                    && to - from < size
                    && events.get(to).topic().equals(events.get(from).topic())) {
                to++;
            }
            deliverBatch(events.subList(from, to));
            from = to;
        }
    }

    /**
     * Waits until the talliers have counted every change to the tenant's deals and leads (ADR 0014): funnels and
     * forecast answered from a tally are exact once they have, and a round behind until then.
     */
    public void awaitTallied(String tenantId) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> !marked(tenantId, "deal_histories")
                        && !marked(tenantId, "lead_funnel_entries")
                        && !mongo.exists(Query.query(Criteria.where("tenantId").is(tenantId)), "lead_tally_recounts"));
    }

    private boolean marked(String tenantId, String collection) {
        return mongo.exists(
                Query.query(Criteria.where("untallied").is(true).and("tenantId").is(tenantId)), collection);
    }

    /** Every projection document of the tenant in generation 0, raw, per collection in id order. */
    public Map<String, List<Document>> documents(String tenantId) {
        return documents(tenantId, Generation.INITIAL);
    }

    /**
     * The same in {@code generation}, keyed by the collections' names in generation 0. Without the deal tallier's
     * {@code untallied} mark: the service's tallier removes it whenever it gets to a history, so it says when the
     * tallier last ran, not what the events made of the deal.
     */
    public Map<String, List<Document>> documents(String tenantId, Generation generation) {
        var documents = new LinkedHashMap<String, List<Document>>();
        for (String collection : PROJECTION_COLLECTIONS) {
            List<Document> found = new ArrayList<>(mongo.find(
                    Query.query(Criteria.where("tenantId").is(tenantId)).with(Sort.by("_id")),
                    Document.class,
                    generation.collection(collection)));
            found.forEach(document -> document.remove("untallied"));
            documents.put(collection, found);
        }
        return documents;
    }

    /**
     * Delivers every event as {@code plan} orders, duplicates and repeats it, in batches of sizes drawn from the plan's
     * permutation (so the plan's seed reproduces them).
     */
    public void deliver(List<WireEvent> events, DeliveryPlan plan) {
        deliverInBatches(
                plan.deliveries(events, WireEvent::aggregateId),
                new Random(plan.permutation().hashCode()));
    }

    /**
     * A replay from offset 0: delivers the events as {@code first} plans, takes the tenant's documents, wipes them
     * and delivers the same events again as {@code second} plans. Returns the documents of both runs.
     */
    public Rebuilt rebuild(String tenantId, List<WireEvent> events, DeliveryPlan first, DeliveryPlan second) {
        deliver(events, first);
        var before = documents(tenantId);
        wipe(tenantId);
        deliver(events, second);
        return new Rebuilt(before, documents(tenantId));
    }

    /** The projection documents of a tenant before and after a rebuild. */
    public record Rebuilt(Map<String, List<Document>> before, Map<String, List<Document>> after) {}

    /** Events of the tenant still waiting for a predecessor. */
    public long parked(String tenantId) {
        return parked(tenantId, Generation.INITIAL);
    }

    public long parked(String tenantId, Generation generation) {
        return mongo.count(parkedOf(tenantId), generation.collection("parked_events"));
    }

    /** Removes every projection document and parked event of the tenant, as a rebuild starts from nothing. */
    public void wipe(String tenantId) {
        for (String collection : PROJECTION_COLLECTIONS) {
            mongo.remove(Query.query(Criteria.where("tenantId").is(tenantId)), collection);
        }
        mongo.remove(parkedOf(tenantId), "parked_events");
    }

    private static Query parkedOf(String tenantId) {
        return Query.query(Criteria.where("aggregateKey").regex("^" + Pattern.quote(tenantId + ":")));
    }

    /** One record of a topic: the aggregate it is keyed by, its sequence there, and the message. */
    public record WireEvent(String topic, String aggregateId, long sequence, Message<byte[]> message) {

        @Override
        public String toString() {
            return aggregateId + "#" + sequence;
        }
    }
}
