package io.stageflow.analytics.sequencing;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.stageflow.platform.messaging.EventTypeRegistry;
import io.stageflow.platform.messaging.IncomingEvent;
import io.stageflow.platform.messaging.PoisonEventException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * {@link InOrderDelivery}'s guarantees for a whole batch of records at once: each aggregate's events applied exactly
 * once and in sequence order, duplicates skipped, early events parked until their predecessor comes. For one batch
 * and one {@link FoldingProjection} it makes a fixed number of store round trips, not a few per event:
 *
 * <ol>
 *   <li>one {@code _id $in} read of every document the batch touches;
 *   <li>each aggregate's events folded in memory in the order they arrived, as the one-at-a-time path would apply
 *       them: a duplicate is skipped, an early event waits in memory and is applied as soon as its predecessor is;
 *   <li>{@code _id $in} reads of the events parked in the store for the sequences that came next (one read, more
 *       only while parked events keep filling gaps);
 *   <li>one unordered bulk write of every changed document, each insert or replace guarded by the sequence it was
 *       read at (and before it, the documents the events add alongside);
 *   <li>one bulk write parking what still waits, one removing what was parked and is now applied.
 * </ol>
 *
 * A guarded write that finds another writer came first (a rebuild's replay and the live consumer both write the
 * new generation, ADR 0010) leaves that aggregate to the one-at-a-time path, which re-reads it for each event.
 */
@Component
public class BatchDelivery {

    private static final Logger log = LoggerFactory.getLogger(BatchDelivery.class);

    /** How often the one-at-a-time path is tried for an event whose aggregate another writer keeps moving. */
    private static final int ATTEMPTS = 5;

    private final MongoTemplate mongo;
    private final InOrderDelivery delivery;
    private final SequencedDocuments documents;

    public BatchDelivery(MongoTemplate mongo, InOrderDelivery delivery, SequencedDocuments documents) {
        this.mongo = mongo;
        this.delivery = delivery;
        this.documents = documents;
    }

    /** A record of a batch: its position there, the event read from it and the record as received. */
    public record Received<E>(int index, IncomingEvent<E> event, Message<byte[]> message) {}

    /**
     * Applies the batch's events that {@code projection} handles to its documents in {@code generation}.
     *
     * @return the records that can never be applied (poison), by their index, with the reason; every other record
     *     was applied, skipped as a duplicate or parked
     */
    public <E, D> Map<Integer, String> deliver(
            List<Received<E>> batch,
            EventTypeRegistry<E> registry,
            FoldingProjection<E, D> projection,
            Generation generation) {
        Map<String, Aggregate<E, D>> aggregates = new LinkedHashMap<>();
        for (Received<E> received : batch) {
            if (projection.handles(received.event())) {
                aggregates
                        .computeIfAbsent(
                                projection.documentId(received.event()),
                                id -> new Aggregate<>(projection, id, InOrderDelivery.aggregateKey(received.event())))
                        .arrived
                        .add(received);
            }
        }
        if (aggregates.isEmpty()) {
            return Map.of();
        }
        String collection = documents.collection(projection.documentType(), generation);
        for (D document : mongo.find(
                Query.query(Criteria.where("_id").in(aggregates.keySet())), projection.documentType(), collection)) {
            aggregates.get(projection.documentId(document)).readAt(document);
        }
        aggregates.values().forEach(Aggregate::foldArrived);
        foldParked(aggregates.values(), registry, projection, generation);

        Set<Aggregate<E, D>> overtaken = write(aggregates.values(), projection, generation, collection);
        List<Aggregate<E, D>> written = aggregates.values().stream()
                .filter(aggregate -> !overtaken.contains(aggregate))
                .toList();
        settleParked(written, projection, generation);

        Map<Integer, String> poison = new TreeMap<>();
        for (Aggregate<E, D> aggregate : written) {
            aggregate.outcomes.forEach(outcome -> delivery.count(projection, outcome.event(), outcome.outcome()));
            poison.putAll(aggregate.poison);
        }
        for (Aggregate<E, D> aggregate : overtaken) {
            poison.putAll(oneAtATime(aggregate, registry, projection, generation));
        }
        return poison;
    }

    /**
     * Folds in the events parked in the store that follow what the batch applied, and finds parked copies of events
     * the batch applied itself: one {@code _id $in} read per round, a round only while some aggregate moved on.
     */
    private <E, D> void foldParked(
            Iterable<Aggregate<E, D>> aggregates,
            EventTypeRegistry<E> registry,
            FoldingProjection<E, D> projection,
            Generation generation) {
        List<Aggregate<E, D>> moving = new ArrayList<>();
        aggregates.forEach(aggregate -> {
            if (aggregate.moved()) {
                moving.add(aggregate);
            }
        });
        while (!moving.isEmpty()) {
            Map<String, Aggregate<E, D>> byParkedId = new HashMap<>();
            for (Aggregate<E, D> aggregate : moving) {
                // every sequence applied since the document was read may have been parked by an earlier batch, and
                // the next one may be waiting
                for (long sequence = aggregate.lookedUpTo + 1; sequence <= aggregate.applied + 1; sequence++) {
                    byParkedId.put(ParkedEvent.idOf(projection.name(), aggregate.key, sequence), aggregate);
                }
                aggregate.lookedUpTo = aggregate.applied + 1;
            }
            List<ParkedEvent> found = new ArrayList<>(mongo.find(
                    Query.query(Criteria.where("_id").in(byParkedId.keySet())),
                    ParkedEvent.class,
                    delivery.parkedCollection(generation)));
            found.sort(Comparator.comparingLong(ParkedEvent::sequence));
            Set<Aggregate<E, D>> next = new HashSet<>();
            for (ParkedEvent parked : found) {
                Aggregate<E, D> aggregate = byParkedId.get(parked.id());
                if (parked.sequence() <= aggregate.applied) {
                    // the batch brought the event too and applied it: only the parked copy is left to remove
                    aggregate.parkedApplied.add(parked.id());
                } else if (parked.sequence() == aggregate.applied + 1) {
                    if (aggregate.unpark(parked, registry, delivery)) {
                        next.add(aggregate);
                    }
                }
            }
            moving.clear();
            moving.addAll(next);
        }
    }

    /**
     * Writes every changed document in one unordered bulk write, each guarded by the sequence it was read at.
     *
     * @return the aggregates another writer moved first, whose documents were therefore not written
     */
    private <E, D> Set<Aggregate<E, D>> write(
            Iterable<Aggregate<E, D>> aggregates,
            FoldingProjection<E, D> projection,
            Generation generation,
            String collection) {
        List<Aggregate<E, D>> changed = new ArrayList<>();
        Map<String, List<WriteModel<Document>>> alongside = new LinkedHashMap<>();
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Aggregate<E, D> aggregate : aggregates) {
            if (!aggregate.moved()) {
                continue;
            }
            changed.add(aggregate);
            for (Object document : aggregate.alongside) {
                Document mapped = toDocument(document);
                alongside
                        .computeIfAbsent(documents.collection(document.getClass(), generation), c -> new ArrayList<>())
                        .add(new ReplaceOneModel<>(
                                Filters.eq("_id", mapped.get("_id")), mapped, new ReplaceOptions().upsert(true)));
            }
            Document mapped = toDocument(aggregate.current);
            writes.add(
                    aggregate.readSequence == 0
                            ? new InsertOneModel<>(mapped)
                            : new ReplaceOneModel<>(
                                    // exactly the guard index's fields (ADR 0007); Filters.and would be an $and
                                    new Document("_id", aggregate.id).append("sequence", aggregate.readSequence),
                                    mapped));
        }
        if (writes.isEmpty()) {
            return Set.of();
        }
        // what an event adds alongside is written before its aggregate's document moves past it
        alongside.forEach(
                (name, models) -> mongo.getCollection(name).bulkWrite(models, new BulkWriteOptions().ordered(false)));
        long replaces = changed.stream().filter(a -> a.readSequence > 0).count();
        boolean complete;
        try {
            var result = mongo.getCollection(collection).bulkWrite(writes, new BulkWriteOptions().ordered(false));
            complete = result.getMatchedCount() == replaces;
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            complete = false;
        }
        if (complete) {
            return Set.of();
        }
        // some guard did not match: whichever document is not at the sequence this batch took it to was moved by
        // another writer, from another state; one that is was written by this batch or, from the same events,
        // to the same state by the other writer
        Map<String, Long> stored = new HashMap<>();
        for (D document : mongo.find(
                Query.query(
                        Criteria.where("_id").in(changed.stream().map(a -> a.id).toList())),
                projection.documentType(),
                collection)) {
            stored.put(projection.documentId(document), projection.sequenceOf(document));
        }
        Set<Aggregate<E, D>> overtaken = new HashSet<>();
        for (Aggregate<E, D> aggregate : changed) {
            if (stored.getOrDefault(aggregate.id, 0L) != aggregate.applied) {
                overtaken.add(aggregate);
            }
        }
        return overtaken;
    }

    /** Parks what still waits for a predecessor and removes what was parked and is applied now, in a write each. */
    private <E, D> void settleParked(
            List<Aggregate<E, D>> aggregates, FoldingProjection<E, D> projection, Generation generation) {
        List<WriteModel<Document>> park = new ArrayList<>();
        List<String> applied = new ArrayList<>();
        for (Aggregate<E, D> aggregate : aggregates) {
            for (Received<E> waiting : aggregate.early.values()) {
                Document mapped = toDocument(InOrderDelivery.parked(waiting.message(), waiting.event(), projection));
                park.add(new ReplaceOneModel<>(
                        Filters.eq("_id", mapped.get("_id")), mapped, new ReplaceOptions().upsert(true)));
            }
            applied.addAll(aggregate.parkedApplied);
        }
        String parked = delivery.parkedCollection(generation);
        if (!park.isEmpty()) {
            mongo.getCollection(parked).bulkWrite(park, new BulkWriteOptions().ordered(false));
        }
        if (!applied.isEmpty()) {
            mongo.remove(Query.query(Criteria.where("_id").in(applied)), parked);
        }
    }

    /**
     * The aggregate's records of the batch, in the order they came, through the one-at-a-time path, which re-reads
     * the document for every event and finds parked successors itself.
     */
    private <E, D> Map<Integer, String> oneAtATime(
            Aggregate<E, D> aggregate,
            EventTypeRegistry<E> registry,
            FoldingProjection<E, D> projection,
            Generation generation) {
        log.debug(
                "{} of {} was moved by another writer meanwhile; one event at a time", projection.name(), aggregate.id);
        Map<Integer, String> poison = new TreeMap<>();
        for (Received<E> received : aggregate.arrived) {
            for (int attempt = 1; ; attempt++) {
                try {
                    delivery.deliver(received.event(), received.message(), registry, projection, generation);
                    break;
                } catch (ConcurrentProjectionUpdateException e) {
                    // moved again by the other writer: read it again; the event may be a duplicate by now
                    if (attempt == ATTEMPTS) {
                        throw e;
                    }
                } catch (DataAccessException e) {
                    throw e;
                } catch (RuntimeException e) {
                    poison.put(received.index(), reason(e));
                    break;
                }
            }
        }
        return poison;
    }

    private Document toDocument(Object entity) {
        Document document = new Document();
        mongo.getConverter().write(entity, document);
        return document;
    }

    static String reason(RuntimeException e) {
        return e instanceof PoisonEventException ? e.getMessage() : e.toString();
    }

    /** What a batch did to one aggregate's document. */
    private static final class Aggregate<E, D> {

        final FoldingProjection<E, D> projection;
        final String id;
        /** tenant and aggregate id, as parked events are keyed */
        final String key;

        final List<Received<E>> arrived = new ArrayList<>();
        /** early events, by sequence, waiting for their predecessor */
        final TreeMap<Long, Received<E>> early = new TreeMap<>();

        final List<Outcome> outcomes = new ArrayList<>();
        final List<Object> alongside = new ArrayList<>();
        final Map<Integer, String> poison = new TreeMap<>();
        /** ids of events parked in the store that are applied now */
        final List<String> parkedApplied = new ArrayList<>();

        D current;
        long readSequence;
        long applied;
        long lookedUpTo;

        Aggregate(FoldingProjection<E, D> projection, String id, String key) {
            this.projection = projection;
            this.id = id;
            this.key = key;
        }

        void readAt(D document) {
            current = document;
            readSequence = projection.sequenceOf(document);
            applied = readSequence;
            lookedUpTo = readSequence;
        }

        boolean moved() {
            return applied > readSequence;
        }

        /** The batch's events in the order they came, as the one-at-a-time path would take them. */
        void foldArrived() {
            for (Received<E> received : arrived) {
                long sequence = received.event().sequence();
                if (sequence <= applied) {
                    outcomes.add(new Outcome(received.event(), "duplicate"));
                } else if (sequence > applied + 1) {
                    early.putIfAbsent(sequence, received);
                    outcomes.add(new Outcome(received.event(), "parked"));
                } else if (apply(received, "applied")) {
                    applyEarly();
                }
            }
        }

        /** Applies an event parked in the store, then whatever of the batch waited for it. */
        boolean unpark(ParkedEvent parked, EventTypeRegistry<E> registry, InOrderDelivery delivery) {
            Message<byte[]> message = InOrderDelivery.toMessage(parked);
            IncomingEvent<E> event;
            try {
                event = delivery.read(message, registry);
            } catch (PoisonEventException e) {
                log.warn("parked event {} cannot be read: {}", parked.id(), e.getMessage());
                return false;
            }
            if (!apply(new Received<>(-1, event, message), "unparked")) {
                return false;
            }
            parkedApplied.add(parked.id());
            applyEarly();
            return true;
        }

        private void applyEarly() {
            while (!early.isEmpty()) {
                var first = early.firstEntry();
                if (first.getKey() <= applied) {
                    early.pollFirstEntry();
                } else if (first.getKey() == applied + 1) {
                    early.pollFirstEntry();
                    if (!apply(first.getValue(), "unparked")) {
                        return;
                    }
                } else {
                    return;
                }
            }
        }

        /** Folds one event in; false, and the record marked poison, when it cannot be folded. */
        private boolean apply(Received<E> received, String outcome) {
            D next;
            List<Object> adds;
            try {
                next = projection.fold(current, received.event());
                adds = projection.alongside(received.event());
            } catch (RuntimeException e) {
                // the fold is pure: what fails once fails every time
                if (received.index() >= 0) {
                    poison.put(received.index(), reason(e));
                } else {
                    log.warn("parked event of {} cannot be applied: {}", id, e.toString());
                }
                return false;
            }
            current = next;
            applied = received.event().sequence();
            alongside.addAll(adds);
            outcomes.add(new Outcome(received.event(), outcome));
            return true;
        }
    }

    private record Outcome(IncomingEvent<?> event, String outcome) {}
}
