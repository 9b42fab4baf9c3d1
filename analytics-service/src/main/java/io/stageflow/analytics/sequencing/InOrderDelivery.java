package io.stageflow.analytics.sequencing;

import io.micrometer.core.instrument.MeterRegistry;
import io.stageflow.platform.messaging.CloudEventCodec;
import io.stageflow.platform.messaging.EventTypeRegistry;
import io.stageflow.platform.messaging.IncomingEvent;
import io.stageflow.platform.messaging.PoisonEventException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.data.mongodb.core.MongoTemplate;
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

    public InOrderDelivery(MongoTemplate mongo, CloudEventCodec codec, MeterRegistry meters) {
        this.mongo = mongo;
        this.codec = codec;
        this.meters = meters;
    }

    public <E> void deliver(Message<byte[]> message, EventTypeRegistry<E> registry, SequencedProjection<E> projection) {
        IncomingEvent<E> event = codec.read(message, registry);
        if (event.sequence() < 1) {
            throw new PoisonEventException(event.type() + " " + event.id() + " has no sequence");
        }
        if (!projection.handles(event)) {
            return;
        }
        long applied = projection.appliedSequence(event);
        if (event.sequence() <= applied) {
            count(projection, event, "duplicate");
            return;
        }
        if (event.sequence() > applied + 1) {
            park(message, event, projection);
            count(projection, event, "parked");
            return;
        }
        projection.apply(event);
        count(projection, event, "applied");
        applyParkedSuccessors(event, registry, projection);
    }

    private <E> void applyParkedSuccessors(
            IncomingEvent<E> applied, EventTypeRegistry<E> registry, SequencedProjection<E> projection) {
        String key = aggregateKey(applied);
        long next = applied.sequence() + 1;
        Optional<ParkedEvent> parked;
        while ((parked = Optional.ofNullable(
                        mongo.findById(ParkedEvent.idOf(projection.name(), key, next), ParkedEvent.class)))
                .isPresent()) {
            IncomingEvent<E> successor = codec.read(toMessage(parked.get()), registry);
            projection.apply(successor);
            mongo.remove(parked.get());
            count(projection, successor, "unparked");
            next++;
        }
    }

    private <E> void park(Message<byte[]> message, IncomingEvent<E> event, SequencedProjection<E> projection) {
        String key = aggregateKey(event);
        Map<String, String> headers = new HashMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (name.startsWith("ce_")) {
                headers.put(
                        name,
                        value instanceof byte[] raw ? new String(raw, StandardCharsets.UTF_8) : String.valueOf(value));
            }
        });
        mongo.save(new ParkedEvent(
                ParkedEvent.idOf(projection.name(), key, event.sequence()),
                projection.name(),
                key,
                event.sequence(),
                headers,
                message.getPayload()));
    }

    private static Message<byte[]> toMessage(ParkedEvent parked) {
        return MessageBuilder.withPayload(parked.payload())
                .copyHeaders(parked.headers())
                .build();
    }

    private static String aggregateKey(IncomingEvent<?> event) {
        return event.tenantId() + ":" + event.subject();
    }

    private void count(SequencedProjection<?> projection, IncomingEvent<?> event, String outcome) {
        meters.counter(
                        "stageflow.events.consumed",
                        "projection",
                        projection.name(),
                        "type",
                        event.type(),
                        "outcome",
                        outcome)
                .increment();
    }
}
