package io.stageflow.analytics.sequencing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stageflow.platform.messaging.CloudEventCodec;
import io.stageflow.platform.messaging.EventTypeRegistry;
import io.stageflow.platform.messaging.IncomingEvent;
import io.stageflow.platform.messaging.PoisonEventException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Hands events to a projection exactly once and in each aggregate's sequence order, however Kafka
 * delivers them: a duplicate (sequence already applied) is skipped, an early event (a gap before it) is
 * parked until its predecessor arrives, and a replay from offset 0 changes nothing.
 */
@Component
public class InOrderDelivery {

    private final MongoTemplate mongo;
    private final CloudEventCodec codec;
    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> lags = new ConcurrentHashMap<>();

    public InOrderDelivery(MongoTemplate mongo, CloudEventCodec codec, MeterRegistry meters) {
        this.mongo = mongo;
        this.codec = codec;
        this.meters = meters;
    }

    /** Hands the event to {@code projection}'s documents in {@code generation}. */
    public <E> void deliver(
            Message<byte[]> message,
            EventTypeRegistry<E> registry,
            SequencedProjection<E> projection,
            Generation generation) {
        deliver(read(message, registry), message, registry, projection, generation);
    }

    /** Reads a record of a projection topic; poison when it cannot be read or belongs to no aggregate's history. */
    public <E> IncomingEvent<E> read(Message<byte[]> message, EventTypeRegistry<E> registry) {
        IncomingEvent<E> event = codec.read(message, registry);
        if (event.sequence() < 1) {
            throw new PoisonEventException(event.type() + " " + event.id() + " has no sequence");
        }
        return event;
    }

    /** The same for an event already read from {@code message}: one event at a time, a few store round trips each. */
    public <E> void deliver(
            IncomingEvent<E> event,
            Message<byte[]> message,
            EventTypeRegistry<E> registry,
            SequencedProjection<E> projection,
            Generation generation) {
        if (!projection.handles(event)) {
            return;
        }
        long applied = projection.appliedSequence(event, generation);
        if (event.sequence() <= applied) {
            count(projection, event, "duplicate");
            return;
        }
        if (event.sequence() > applied + 1) {
            park(message, event, projection, generation);
            count(projection, event, "parked");
            return;
        }
        projection.apply(event, generation);
        count(projection, event, "applied");
        applyParkedSuccessors(event, registry, projection, generation);
    }

    /**
     * Applies every parked event of {@code generation} whose predecessor has been applied meanwhile. Two writers of
     * one generation (a rebuild and the live consumer) can race: one parks an event just after the other looked
     * for it; this picks such events up once the writers are done.
     */
    public <E> void applyReadyParked(
            EventTypeRegistry<E> registry, SequencedProjection<E> projection, Generation generation) {
        var waiting = mongo.find(
                Query.query(Criteria.where("projection").is(projection.name())),
                ParkedEvent.class,
                parkedCollection(generation));
        for (ParkedEvent parked : waiting) {
            IncomingEvent<E> event = codec.read(toMessage(parked), registry);
            long applied = projection.appliedSequence(event, generation);
            if (event.sequence() <= applied) {
                mongo.remove(parked, parkedCollection(generation));
            } else if (event.sequence() == applied + 1) {
                deliver(toMessage(parked), registry, projection, generation);
                mongo.remove(parked, parkedCollection(generation));
            }
        }
    }

    private <E> void applyParkedSuccessors(
            IncomingEvent<E> applied,
            EventTypeRegistry<E> registry,
            SequencedProjection<E> projection,
            Generation generation) {
        String key = aggregateKey(applied);
        long next = applied.sequence() + 1;
        Optional<ParkedEvent> parked;
        while ((parked = Optional.ofNullable(mongo.findById(
                        ParkedEvent.idOf(projection.name(), key, next),
                        ParkedEvent.class,
                        parkedCollection(generation))))
                .isPresent()) {
            IncomingEvent<E> successor = codec.read(toMessage(parked.get()), registry);
            projection.apply(successor, generation);
            mongo.remove(parked.get(), parkedCollection(generation));
            count(projection, successor, "unparked");
            next++;
        }
    }

    /** The collection of events parked for {@code generation}: each generation waits for its own predecessors. */
    public String parkedCollection(Generation generation) {
        return generation.collection(mongo.getCollectionName(ParkedEvent.class));
    }

    private <E> void park(
            Message<byte[]> message, IncomingEvent<E> event, SequencedProjection<E> projection, Generation generation) {
        mongo.save(parked(message, event, projection), parkedCollection(generation));
    }

    /** The event as it waits for its predecessor: its {@code ce_*} headers and body as received. */
    static ParkedEvent parked(Message<byte[]> message, IncomingEvent<?> event, SequencedProjection<?> projection) {
        String key = aggregateKey(event);
        Map<String, String> headers = new HashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (name.startsWith("ce_")) {
                headers.put(
                        name,
                        value instanceof byte[] raw ? new String(raw, StandardCharsets.UTF_8) : String.valueOf(value));
            }
        });
        return new ParkedEvent(
                ParkedEvent.idOf(projection.name(), key, event.sequence()),
                projection.name(),
                key,
                event.sequence(),
                headers,
                message.getPayload());
    }

    static Message<byte[]> toMessage(ParkedEvent parked) {
        return MessageBuilder.withPayload(parked.payload())
                .copyHeaders(parked.headers())
                .build();
    }

    static String aggregateKey(IncomingEvent<?> event) {
        return event.tenantId() + ":" + event.subject();
    }

    /**
     * Per projection and outcome, under a name of its own: the platform counts every record read as
     * {@code stageflow.events.consumed} by topic and type, and Prometheus refuses a second meter of one name with
     * other tag keys. The meters are looked up once each: this is on every event's path.
     */
    void count(SequencedProjection<?> projection, IncomingEvent<?> event, String outcome) {
        counters.computeIfAbsent(
                        projection.name() + ' ' + event.type() + ' ' + outcome,
                        key -> meters.counter(
                                "stageflow.projection.events",
                                "projection",
                                projection.name(),
                                "type",
                                event.type(),
                                "outcome",
                                outcome))
                .increment();
        if (outcome.equals("applied") || outcome.equals("unparked")) {
            // how long after the change an answer reflects it; a rebuild's replay shows here too, as old events
            lags.computeIfAbsent(
                            projection.name(),
                            name -> Timer.builder("stageflow.projection.lag")
                                    .description("From an event's time to its application in a projection")
                                    .tag("projection", name)
                                    .publishPercentileHistogram()
                                    .maximumExpectedValue(Duration.ofHours(1))
                                    .register(meters))
                    .record(Duration.between(event.time(), Instant.now()).abs());
        }
    }
}
