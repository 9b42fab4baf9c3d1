package io.stageflow.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.stageflow.platform.messaging.CloudEventCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Publishes what aggregates left in their outbox and removes an entry only after the broker acknowledged
 * it ({@code acks=all}, idempotent producer). While the broker is unreachable entries simply wait, and the
 * relay retries with growing pauses until it is back. Delivery is at-least-once: a crash between the
 * acknowledgement and the removal publishes the entry again, which consumers skip by its sequence.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, byte[]> kafka;
    private final CloudEventCodec codec;
    private final OutboxProperties properties;
    /** Each aggregate collection, with the field that holds its documents' optimistic-locking version. */
    private final Map<String, String> versionFields;

    private final MeterRegistry meters;
    private final Counter failures;

    private final Clock clock;
    private final Queue<Saved> saved = new ConcurrentLinkedQueue<>();
    private long nextSweepAt;
    private boolean unmarkedSweepDue = true;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private boolean woken;
    private volatile boolean running;
    private Thread worker;

    public OutboxRelay(
            MongoTemplate mongo,
            KafkaTemplate<String, byte[]> kafka,
            CloudEventCodec codec,
            OutboxProperties properties,
            Map<String, String> versionFields,
            MeterRegistry meters,
            Clock clock) {
        this.clock = clock;
        this.mongo = mongo;
        this.kafka = kafka;
        this.codec = codec;
        this.properties = properties;
        this.versionFields = new LinkedHashMap<>(versionFields);
        this.meters = meters;
        this.failures = Counter.builder("stageflow.outbox.publish.failures")
                .description("Publish rounds that failed and will be retried")
                .register(meters);
        Gauge.builder(
                        "stageflow.outbox.pending",
                        this,
                        relay -> relay.waiting.get().count())
                .description("Events the relay last found waiting to be published")
                .register(meters);
        Gauge.builder(
                        "stageflow.outbox.oldest.age",
                        this,
                        relay -> relay.waiting.get().ageSeconds(clock.instant()))
                .description("Age of the oldest event the relay last found waiting (0 when none)")
                .baseUnit("seconds")
                .register(meters);
    }

    /** What the relay last found waiting: how many events, and the time of the oldest. */
    private record Waiting(long count, Instant oldest) {

        static final Waiting NONE = new Waiting(0, null);

        double ageSeconds(Instant now) {
            return oldest == null
                    ? 0
                    : Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0);
        }
    }

    private final AtomicReference<Waiting> waiting = new AtomicReference<>(Waiting.NONE);

    /**
     * Called after a save that left events behind: the aggregate is published without waiting for the next
     * sweep, found by its id instead of by scanning the collection.
     */
    public void wakeUp(String collection, Object id) {
        saved.add(new Saved(collection, id));
        lock.lock();
        try {
            woken = true;
            wakeUp.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Publishes what recent saves left behind and, when a sweep is due, whatever else is pending (left by a
     * crash, another instance, or a save this instance did not see).
     *
     * @return the number of events published and removed
     */
    public int publishPending() throws InterruptedException, ExecutionException, TimeoutException {
        int published = 0;
        Map<String, List<Object>> recent = new LinkedHashMap<>();
        Saved next;
        int taken = 0;
        while (taken < properties.batchSize() && (next = saved.poll()) != null) {
            recent.computeIfAbsent(next.collection(), c -> new ArrayList<>()).add(next.id());
            taken++;
        }
        for (var byCollection : recent.entrySet()) {
            published += publish(
                    byCollection.getKey(),
                    // by _id alone: answered from the _id index by every store (the embedded one scans for
                    // any other combination); aggregates whose outbox is already empty are skipped below
                    Criteria.where("_id").in(byCollection.getValue()),
                    properties.batchSize());
        }
        if (taken == 0 && clock.millis() >= nextSweepAt) {
            // A sweep finds the aggregates whose outbox no save of this instance announced (a crash, another
            // instance) through the sparse index on the pending mark, so it costs what is pending, not what is
            // stored. Documents written before the mark existed carry none: until a sweep for them found less
            // than a full batch, they are looked for by scanning, once after start. One batch per collection and
            // sweep, and the next sweep no sooner than 20 times this one took; a full batch means a backlog, so
            // then the next sweep comes as soon as that rule allows.
            long began = System.nanoTime();
            boolean backlog = false;
            Criteria pendingCriteria = unmarkedSweepDue
                    ? Criteria.where("outbox.0").exists(true)
                    : Criteria.where(AggregateRoot.PENDING_FIELD).is(true);
            for (String collection : versionFields.keySet()) {
                int swept = publish(collection, pendingCriteria, properties.sweepBatchSize());
                published += swept;
                backlog |= swept >= properties.sweepBatchSize();
            }
            if (!backlog) {
                unmarkedSweepDue = false;
            }
            if (published == 0) {
                waiting.set(Waiting.NONE); // a sweep that found nothing: nothing is waiting anywhere
            }
            long tookMillis = (System.nanoTime() - began) / 1_000_000;
            long pause = backlog
                    ? 20 * tookMillis
                    : Math.max(properties.sweepInterval().toMillis(), 20 * tookMillis);
            nextSweepAt = clock.millis() + pause;
        }
        return published;
    }

    private int publish(String collection, Criteria pendingCriteria, int limit)
            throws InterruptedException, ExecutionException, TimeoutException {
        String versionField = versionFields.get(collection);
        Query pending = new Query(pendingCriteria).limit(limit);
        pending.fields().include("_id", "outbox", versionField);
        List<Document> aggregates = new ArrayList<>();
        List<Document> drained = new ArrayList<>();
        for (Document aggregate : mongo.find(pending, Document.class, collection)) {
            (aggregate.getList("outbox", Document.class, List.of()).isEmpty() ? drained : aggregates).add(aggregate);
        }
        if (aggregates.isEmpty()) {
            // marked, yet published already: a save came between the relay's read and its clearing of the mark
            unmark(collection, drained);
            return 0;
        }
        List<List<OutboxEntry>> entriesByAggregate = new ArrayList<>(aggregates.size());
        long waitingCount = 0;
        Instant oldest = null;
        for (Document aggregate : aggregates) {
            List<OutboxEntry> entries = entriesOf(aggregate);
            entriesByAggregate.add(entries);
            for (OutboxEntry entry : entries) {
                waitingCount++;
                oldest = oldest == null || entry.time().isBefore(oldest) ? entry.time() : oldest;
            }
        }
        // told before sending: while the broker is away, the sends fail and this is what keeps waiting
        waiting.set(new Waiting(waitingCount, oldest));
        // Send everything first and wait afterwards: the idempotent producer keeps per-partition order,
        // and one round trip for the batch is what makes the relay fast.
        List<InFlight> inFlight = new ArrayList<>(aggregates.size());
        for (int i = 0; i < aggregates.size(); i++) {
            List<OutboxEntry> entries = entriesByAggregate.get(i);
            List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>(entries.size());
            for (OutboxEntry entry : entries) {
                sends.add(kafka.send(codec.toRecord(entry)));
            }
            inFlight.add(new InFlight(aggregates.get(i).get("_id"), entries, sends));
        }
        kafka.flush();
        var removals = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
        int published = 0;
        for (InFlight aggregate : inFlight) {
            for (var send : aggregate.sends()) {
                send.get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
            List<String> ids =
                    aggregate.entries().stream().map(OutboxEntry::eventId).toList();
            removals.updateOne(
                    Query.query(Criteria.where("_id").is(aggregate.id())),
                    new Update().pull("outbox", new Document("eventId", new Document("$in", ids))));
            aggregate
                    .entries()
                    .forEach(entry -> Counter.builder("stageflow.events.published")
                            .description("Events published from the outbox")
                            .tag("type", entry.type())
                            .register(meters)
                            .increment());
            published += ids.size();
        }
        // one write removes what the broker acknowledged, for the whole batch
        removals.execute();
        drained.addAll(aggregates);
        unmark(collection, drained);
        waiting.set(Waiting.NONE);
        return published;
    }

    /**
     * Clears the pending mark of aggregates whose outbox the relay emptied, each only while it still has the version
     * the relay read: a save since then may have added entries and keeps the mark (relay writes leave the version
     * alone, and every save moves it). One write for the batch; exactly the guard index's fields, which the embedded
     * store answers from that index.
     */
    private void unmark(String collection, List<Document> aggregates) {
        if (aggregates.isEmpty()) {
            return;
        }
        String versionField = versionFields.get(collection);
        var unmarks = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
        for (Document aggregate : aggregates) {
            unmarks.updateOne(
                    Query.query(Criteria.where("_id")
                            .is(aggregate.get("_id"))
                            .and(versionField)
                            .is(aggregate.get(versionField))),
                    new Update().unset(AggregateRoot.PENDING_FIELD));
        }
        unmarks.execute();
    }

    @SuppressWarnings("unchecked")
    private List<OutboxEntry> entriesOf(Document aggregate) {
        List<Document> raw = (List<Document>) aggregate.get("outbox", List.class);
        return raw.stream()
                .map(entry -> mongo.getConverter().read(OutboxEntry.class, entry))
                .toList();
    }

    private void runLoop() {
        Duration backoff = Duration.ZERO;
        while (running) {
            try {
                int published = publishPending();
                backoff = Duration.ZERO;
                if (published == 0) {
                    awaitWakeUp(properties.idlePoll());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures.increment();
                backoff = nextBackoff(backoff);
                log.warn(
                        "Outbox relay could not publish, events stay pending; retrying in {}: {}",
                        backoff,
                        e.toString());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private Duration nextBackoff(Duration current) {
        Duration next = current.isZero() ? Duration.ofMillis(200) : current.multipliedBy(2);
        return next.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : next;
    }

    private void awaitWakeUp(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            if (!woken) {
                wakeUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            woken = false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::runLoop);
        log.info("Outbox relay publishing from {}", versionFields.keySet());
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(properties.sendTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isAutoStartup() {
        return properties.enabled();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private record Saved(String collection, Object id) {}

    private record InFlight(
            Object id, List<OutboxEntry> entries, List<CompletableFuture<SendResult<String, byte[]>>> sends) {}
}
