package io.stageflow.platform.messaging;

import static io.stageflow.events.CloudEventHeaders.DATA_CONTENT_TYPE;
import static io.stageflow.events.CloudEventHeaders.ID;
import static io.stageflow.events.CloudEventHeaders.JSON;
import static io.stageflow.events.CloudEventHeaders.SEQUENCE;
import static io.stageflow.events.CloudEventHeaders.SOURCE;
import static io.stageflow.events.CloudEventHeaders.SPEC_VERSION;
import static io.stageflow.events.CloudEventHeaders.SPEC_VERSION_VALUE;
import static io.stageflow.events.CloudEventHeaders.SUBJECT;
import static io.stageflow.events.CloudEventHeaders.TENANT_ID;
import static io.stageflow.events.CloudEventHeaders.TIME;
import static io.stageflow.events.CloudEventHeaders.TYPE;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stageflow.events.EventStream;
import io.stageflow.platform.outbox.OutboxEntry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * CloudEvents 1.0 in Kafka's binary mode: attributes as {@code ce_*} headers, data as the JSON body, record
 * key = aggregate id. The one place that knows how contracts look on the wire.
 */
public final class CloudEventCodec {

    static final String TRACEPARENT = "traceparent";

    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Supplier<String> currentTraceparent;
    /** Counters by topic and type, looked up once: {@link #read} is on every consumer's path. */
    private final Map<String, Counter> consumed = new ConcurrentHashMap<>();

    private final Map<String, Counter> poison = new ConcurrentHashMap<>();

    public CloudEventCodec(Clock clock) {
        this(clock, new SimpleMeterRegistry(), () -> null);
    }

    /** Counts every record read ({@code stageflow.events.consumed}) and every poison one ({@code stageflow.events.poison}). */
    public CloudEventCodec(Clock clock, MeterRegistry meters, Supplier<String> currentTraceparent) {
        // Consumers ignore fields they do not know: within a version producers may add optional fields.
        this.json = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        this.clock = clock;
        this.meters = meters;
        this.currentTraceparent = currentTraceparent;
    }

    /** Turns a contract event into an outbox entry stored with the aggregate it belongs to. */
    public OutboxEntry toOutboxEntry(String tenantId, String aggregateId, long sequence, Object event) {
        EventStream stream = EventTypeRegistry.streamOf(event.getClass());
        return new OutboxEntry(
                EventIds.next(clock).toString(),
                EventTypeRegistry.typeOf(event.getClass()),
                stream.topic(),
                stream.source(),
                aggregateId,
                tenantId,
                sequence,
                clock.instant().truncatedTo(ChronoUnit.MILLIS),
                json.writeValueAsString(event),
                currentTraceparent.get());
    }

    public ProducerRecord<String, byte[]> toRecord(OutboxEntry entry) {
        var headers = new RecordHeaders();
        headers.add(SPEC_VERSION, bytes(SPEC_VERSION_VALUE));
        headers.add(ID, bytes(entry.eventId()));
        headers.add(SOURCE, bytes(entry.source()));
        headers.add(TYPE, bytes(entry.type()));
        headers.add(TIME, bytes(entry.time().toString()));
        headers.add(SUBJECT, bytes(entry.subject()));
        headers.add(TENANT_ID, bytes(entry.tenantId()));
        headers.add(SEQUENCE, bytes(Long.toString(entry.sequence())));
        if (entry.traceparent() != null) {
            // W3C trace context, as Kafka consumers' observations read it: the consumer's span joins the trace
            headers.add(TRACEPARENT, bytes(entry.traceparent()));
        }
        headers.add(DATA_CONTENT_TYPE, bytes(JSON));
        return new ProducerRecord<>(entry.topic(), null, entry.subject(), bytes(entry.data()), headers);
    }

    /**
     * Reads a record of one stream. {@code sequence} is 0 when the record has none (intake events are no
     * aggregate's history). Anything that cannot be read now can never be read: it is poison and
     * goes to the dead-letter topic instead of blocking the partition.
     */
    public <E> IncomingEvent<E> read(Message<byte[]> message, EventTypeRegistry<E> registry) {
        try {
            IncomingEvent<E> event = readRecord(message, registry);
            consumed.computeIfAbsent(registry.topic() + ' ' + event.type(), key -> {
                        // the topic's poison counter is registered at zero with its first good record, so
                        // dashboards and alerts see the series before the first poison record arrives
                        poisonCounter(registry.topic());
                        return meters.counter(
                                "stageflow.events.consumed", "topic", registry.topic(), "type", event.type());
                    })
                    .increment();
            return event;
        } catch (PoisonEventException e) {
            // a poison record goes to the topic's dead-letter topic: this is the count that grows there
            poisonCounter(registry.topic()).increment();
            throw e;
        }
    }

    private Counter poisonCounter(String topic) {
        return poison.computeIfAbsent(topic, t -> meters.counter("stageflow.events.poison", "topic", t));
    }

    private <E> IncomingEvent<E> readRecord(Message<byte[]> message, EventTypeRegistry<E> registry) {
        MessageHeaders headers = message.getHeaders();
        String type = required(headers, TYPE);
        Class<? extends E> recordType = registry.recordFor(type)
                .orElseThrow(
                        () -> new PoisonEventException("unknown event type '" + type + "' on " + registry.topic()));
        long sequence;
        Instant time;
        try {
            String sequenceHeader = optional(headers, SEQUENCE);
            sequence = sequenceHeader == null ? 0 : Long.parseLong(sequenceHeader);
            time = Instant.parse(required(headers, TIME));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new PoisonEventException("malformed CloudEvents attribute: " + e.getMessage(), e);
        }
        if (optional(headers, SEQUENCE) != null && sequence < 1) {
            throw new PoisonEventException("sequence must be 1 or more, was " + sequence);
        }
        E data;
        try {
            data = json.readValue(message.getPayload(), recordType);
        } catch (JacksonException e) {
            throw new PoisonEventException("unreadable data of " + type + ": " + e.getOriginalMessage(), e);
        }
        return new IncomingEvent<>(
                required(headers, ID),
                type,
                required(headers, SOURCE),
                required(headers, SUBJECT),
                required(headers, TENANT_ID),
                sequence,
                time,
                data);
    }

    private static String optional(MessageHeaders headers, String name) {
        Object value = headers.get(name);
        String text = value instanceof byte[] raw
                ? new String(raw, StandardCharsets.UTF_8)
                : value == null ? null : value.toString();
        return text == null || text.isBlank() ? null : text;
    }

    private static String required(MessageHeaders headers, String name) {
        String text = optional(headers, name);
        if (text == null) {
            throw new PoisonEventException("missing CloudEvents attribute " + name);
        }
        return text;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
