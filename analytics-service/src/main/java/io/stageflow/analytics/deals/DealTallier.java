package io.stageflow.analytics.deals;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.stageflow.analytics.deals.DealTallies.Header;
import io.stageflow.analytics.sequencing.Generation;
import io.stageflow.analytics.sequencing.ProjectionGenerations;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Keeps each pipeline's tally equal to the sum of its deals' shares (ADR 0014). It is not a consumer: the deal
 * history projection marks every history it writes {@code untallied}, however many writers there are (a rebuild
 * has two), and the tallier turns marked histories into tally changes, one round at a time, on one instance per
 * generation (a lease).
 *
 * <p>A round, numbered from the lease so that numbers only grow:
 *
 * <ol>
 *   <li>read up to a batch of marked histories, and the shares their tallies hold;
 *   <li>write each changed deal's new share as {@code pending} with the round number;
 *   <li>add the summed difference to each tally in one {@code $inc}, guarded by the lease's fence and by the
 *       tally's last round being older, and record the round there;
 *   <li>make the pending shares the applied ones;
 *   <li>unmark the histories, each guarded by the sequence read: one folded meanwhile stays marked.
 * </ol>
 *
 * A crash between 2 and 4 leaves pending shares; whoever holds the lease next first settles them: a share whose
 * tally already holds its round was added (finish it), any other was not (drop it; its history is still marked).
 * Taking over a lease raises the fence on every tally of the generation, so a holder that paused past its lease
 * can no longer add anything.
 */
@Component
class DealTallier implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DealTallier.class);

    private final MongoTemplate mongo;
    private final DealTallies tallies;
    private final ProjectionGenerations generations;
    private final DealTallierProperties properties;
    private final Clock clock;
    private final String instance = UUID.randomUUID().toString();
    private final Map<Generation, Lease> leases = new HashMap<>();
    private final Counter dealsTallied;
    private final Counter rounds;
    /** changed histories the last round found (at most a batch); -1 before the first */
    private final AtomicLong backlog = new AtomicLong(-1);
    /** tallies still being filled at the last check; -1 before the first */
    private final AtomicLong incomplete = new AtomicLong(-1);

    private volatile boolean running;
    private Thread worker;

    DealTallier(
            MongoTemplate mongo,
            DealTallies tallies,
            ProjectionGenerations generations,
            DealTallierProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.mongo = mongo;
        this.tallies = tallies;
        this.generations = generations;
        this.properties = properties;
        this.clock = clock;
        this.dealsTallied = Counter.builder("stageflow.analytics.tallier.deals")
                .description("Deal histories the tallier counted again after they changed")
                .register(meters);
        this.rounds = Counter.builder("stageflow.analytics.tallier.rounds")
                .description("Tallier rounds that found changed deal histories")
                .register(meters);
        Gauge.builder("stageflow.analytics.tallier.backlog", backlog, AtomicLong::get)
                .description("Changed deal histories the tallier's last round found, at most a batch")
                .register(meters);
        Gauge.builder("stageflow.analytics.tallies.incomplete", incomplete, AtomicLong::get)
                .description("Pipeline tallies still being filled; their queries read every history meanwhile")
                .register(meters);
    }

    /** This instance's hold on the tallier of one generation. */
    private static final class Lease {
        final long epoch;
        /** rounds from this one on are this holder's; an unsettled share of an older round was never added */
        final long firstRound;

        Instant renewAt;
        Instant checkAt = Instant.MIN;
        /** whether what the previous holder left pending was settled */
        boolean settledOnce;
        /** false after a round failed midway, until what it left pending is settled */
        boolean settled;

        Lease(long epoch, long firstRound) {
            this.epoch = epoch;
            this.firstRound = firstRound;
        }
    }

    /** The lease was taken over by another instance: stop writing, this instance's writes would be fenced off. */
    static final class LeaseLostException extends RuntimeException {
        LeaseLostException(Generation generation) {
            super("the tallier lease of generation " + generation.number() + " is held by another instance");
        }
    }

    private void runLoop() {
        while (running) {
            boolean more = false;
            long started = System.nanoTime();
            try {
                List<Generation> targets = generations.targets();
                leases.keySet().retainAll(targets);
                for (Generation generation : targets) {
                    more |= tallyOnce(generation);
                }
            } catch (RuntimeException e) {
                // the store away, most likely; the next round settles what this one left
                log.warn("tallier round failed, retrying: {}", e.toString());
                leases.values().forEach(lease -> lease.settled = false);
            }
            try {
                if (!more) {
                    Thread.sleep(properties.pollInterval().toMillis());
                } else {
                    // catching up on a bulk load: leave the store time for the requests and the consumers
                    long busy = System.nanoTime() - started;
                    long rest = (long) (busy * (1 - properties.busyShare()) / properties.busyShare());
                    Thread.sleep(rest / 1_000_000, (int) (rest % 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * One round for {@code generation} if this instance holds its lease or can take it.
     *
     * @return whether the round was full, so that more changed histories are probably waiting
     */
    boolean tallyOnce(Generation generation) {
        try {
            Lease lease = hold(generation);
            if (lease == null) {
                return false;
            }
            if (!lease.settled) {
                settle(generation, lease);
                lease.settled = true;
            }
            Instant now = clock.instant();
            boolean check = !now.isBefore(lease.checkAt);
            if (check) {
                lease.checkAt = now.plus(properties.checkInterval());
                startMissingTallies(generation, lease);
            }
            List<DealHistory> changed = mongo.find(
                    Query.query(Criteria.where("untallied").is(true)).limit(properties.batchSize()),
                    DealHistory.class,
                    tallies.historiesCollection(generation));
            if (!changed.isEmpty()) {
                round(generation, lease, changed);
            }
            backlog.set(changed.size());
            boolean full = changed.size() == properties.batchSize();
            if (check && !full) {
                markReady(generation);
            }
            return full;
        } catch (LeaseLostException e) {
            log.info(e.getMessage());
            leases.remove(generation);
            return false;
        }
    }

    // --- lease ---------------------------------------------------------------------------------------------------

    private Lease hold(Generation generation) {
        Instant now = clock.instant();
        Lease held = leases.get(generation);
        if (held != null && now.isBefore(held.renewAt)) {
            return held;
        }
        String id = leaseId(generation);
        if (held != null) {
            var renewed = tallies.leases()
                    .updateOne(
                            where("_id", id, "holder", instance, "epoch", held.epoch),
                            Updates.set("expiresAt", Date.from(now.plus(properties.leaseDuration()))));
            if (renewed.getMatchedCount() == 1) {
                held.renewAt = now.plus(properties.leaseDuration().dividedBy(3));
                return held;
            }
            leases.remove(generation);
        }
        Document taken = tallies.leases()
                .findOneAndUpdate(
                        where("_id", id, "expiresAt", new Document("$lt", Date.from(now))),
                        Updates.combine(
                                Updates.set("holder", instance),
                                Updates.set("expiresAt", Date.from(now.plus(properties.leaseDuration()))),
                                Updates.inc("epoch", 1L)),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (taken == null) {
            taken = new Document("_id", id)
                    .append("holder", instance)
                    .append("epoch", 1L)
                    .append("round", 0L)
                    .append("expiresAt", Date.from(now.plus(properties.leaseDuration())));
            try {
                tallies.leases().insertOne(taken);
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                    return null; // held by another instance
                }
                throw e;
            }
        }
        long epoch = DealTallies.number(taken, "epoch");
        // whoever held it before can no longer add to a tally
        tallies.tallies(generation).updateMany(Filters.lt("fence", epoch), Updates.set("fence", epoch));
        tallies.prepare(generation);
        Lease lease = new Lease(epoch, DealTallies.number(taken, "round") + 1);
        lease.renewAt = now.plus(properties.leaseDuration().dividedBy(3));
        leases.put(generation, lease);
        log.info("tallying deals of generation {} (lease epoch {})", generation.number(), epoch);
        return lease;
    }

    private long nextRound(Generation generation, Lease lease) {
        Instant now = clock.instant();
        Document updated = tallies.leases()
                .findOneAndUpdate(
                        where("_id", leaseId(generation), "holder", instance, "epoch", lease.epoch),
                        Updates.combine(
                                Updates.inc("round", 1L),
                                Updates.set("expiresAt", Date.from(now.plus(properties.leaseDuration())))),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (updated == null) {
            throw new LeaseLostException(generation);
        }
        lease.renewAt = now.plus(properties.leaseDuration().dividedBy(3));
        return DealTallies.number(updated, "round");
    }

    /** Lets another instance take over at once rather than after the lease runs out. */
    private void release() {
        leases.forEach((generation, lease) -> tallies.leases()
                .updateOne(
                        where("_id", leaseId(generation), "holder", instance, "epoch", lease.epoch),
                        Updates.set("expiresAt", new Date(0))));
        leases.clear();
    }

    /**
     * A filter of plain field conditions, never an {@code $and}: the embedded store uses an index only for a query
     * that names its fields plainly (ADR 0007), and guarded writes name {@code _id} and the guard field.
     */
    private static Document where(Object... fieldsAndConditions) {
        Document filter = new Document();
        for (int i = 0; i < fieldsAndConditions.length; i += 2) {
            filter.append((String) fieldsAndConditions[i], fieldsAndConditions[i + 1]);
        }
        return filter;
    }

    private static String leaseId(Generation generation) {
        return "g" + generation.number();
    }

    // --- settling what a failed round left -------------------------------------------------------------------------

    /**
     * Finishes or drops the shares a round left pending. A share of this holder's rounds, or one found when the
     * lease was taken, was added exactly when its tally holds its round (no later round touched the tally before
     * this). A share of an older round found later was written by a fenced-off holder after the takeover settled,
     * so its addition was refused.
     */
    private void settle(Generation generation, Lease lease) {
        boolean takeover = !lease.settledOnce;
        List<Document> pending =
                tallies.shares(generation).find(Filters.eq("pending", true)).into(new ArrayList<>());
        if (pending.isEmpty()) {
            lease.settledOnce = true;
            return;
        }
        Set<String> tallyIds = new HashSet<>();
        pending.forEach(share -> tallyIds.add(share.getString("pendingTally")));
        Map<String, Header> headers = tallies.headers(generation, tallyIds);
        List<WriteModel<Document>> writes = new ArrayList<>();
        int finished = 0;
        for (Document share : pending) {
            long round = DealTallies.number(share, "pendingRound");
            Header tally = headers.get(share.getString("pendingTally"));
            boolean added = (takeover || round >= lease.firstRound)
                    && tally != null
                    && tally.round() >= round
                    && tally.pipelineVersion() == DealTallies.number(share, "pendingVersion");
            Bson guard = where("_id", share.get("_id"), "pendingRound", round);
            if (added) {
                finished++;
                writes.add(new UpdateOneModel<>(
                        guard,
                        applied(
                                share.getString("pendingTally"),
                                DealTallies.number(share, "pendingVersion"),
                                share.get("pendingCounters", Document.class))));
            } else {
                writes.add(new UpdateOneModel<>(guard, unsetPending()));
            }
        }
        tallies.shares(generation).bulkWrite(writes, new BulkWriteOptions().ordered(false));
        log.info(
                "settled {} pending deal shares of generation {}: {} had been added, {} dropped",
                pending.size(),
                generation.number(),
                finished,
                pending.size() - finished);
        lease.settledOnce = true;
    }

    /** Makes a share's pending counters the ones its tally holds, in the same write that clears the pending state. */
    private static Bson applied(String tallyId, long version, Document counters) {
        return Updates.combine(
                Updates.set("tally", tallyId),
                Updates.set("version", version),
                Updates.set("counters", counters),
                unsetPending());
    }

    private static Bson unsetPending() {
        return Updates.combine(
                Updates.unset("pending"),
                Updates.unset("pendingRound"),
                Updates.unset("pendingTally"),
                Updates.unset("pendingVersion"),
                Updates.unset("pendingCounters"));
    }

    // --- tallies of new pipelines and new pipeline versions ----------------------------------------------------------

    /** Starts a tally for every pipeline that has none of its current version (a new store, a redefinition). */
    private void startMissingTallies(Generation generation, Lease lease) {
        Map<String, Header> headers = tallies.headers(generation, new Document());
        for (PipelineDefinition pipeline :
                mongo.findAll(PipelineDefinition.class, tallies.definitionsCollection(generation))) {
            Header tally = headers.get(pipeline.id());
            if (tally == null || tally.pipelineVersion() < pipeline.latest().pipelineVersion()) {
                startTally(generation, lease, pipeline, tally);
            }
        }
    }

    /**
     * Empties the pipeline's tally for its current version and marks every history of the pipeline, so that rounds
     * count each deal into it. Shares counted for another version count as nothing there.
     */
    private Header startTally(Generation generation, Lease lease, PipelineDefinition pipeline, Header existing) {
        long version = pipeline.latest().pipelineVersion();
        if (existing == null) {
            try {
                tallies.tallies(generation)
                        .insertOne(new Document("_id", pipeline.id())
                                .append("tenantId", pipeline.tenantId())
                                .append("pipelineId", pipeline.pipelineId())
                                .append("pipelineVersion", version)
                                .append("ready", false)
                                .append("round", 0L)
                                .append("fence", lease.epoch)
                                .append("c", new Document()));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                throw new LeaseLostException(generation);
            }
        } else {
            var reset = tallies.tallies(generation)
                    .updateOne(
                            where("_id", pipeline.id(), "fence", lease.epoch),
                            Updates.combine(
                                    Updates.set("pipelineVersion", version),
                                    Updates.set("ready", false),
                                    Updates.set("c", new Document())));
            if (reset.getMatchedCount() == 0) {
                throw new LeaseLostException(generation);
            }
        }
        var marked = tallies.histories(generation)
                .updateMany(
                        where("tenantId", pipeline.tenantId(), "pipelineId", pipeline.pipelineId()),
                        Updates.set("untallied", true));
        log.info(
                "counting {} deals of pipeline {} into a tally of its version {}",
                marked.getMatchedCount(),
                pipeline.id(),
                version);
        return tallies.headers(generation, List.of(pipeline.id())).get(pipeline.id());
    }

    /** A tally is complete once it counts every history of its pipeline; it stays complete from then on. */
    private void markReady(Generation generation) {
        var filling = tallies.headers(generation, Filters.eq("ready", false)).values();
        long stillFilling = filling.size();
        for (Header tally : filling) {
            long histories = mongo.count(
                    Query.query(Criteria.where("tenantId")
                            .is(tally.tenantId())
                            .and("pipelineId")
                            .is(tally.pipelineId())),
                    tallies.historiesCollection(generation));
            if (histories == tallies.countedDeals(generation, tally.id())) {
                tallies.tallies(generation)
                        .updateOne(
                                where("_id", tally.id(), "pipelineVersion", tally.pipelineVersion()),
                                Updates.set("ready", true));
                log.info("the tally of pipeline {} counts all its {} deals", tally.id(), histories);
                stillFilling--;
            }
        }
        if (generation.equals(generations.serving())) {
            incomplete.set(stillFilling);
        }
    }

    // --- a round -------------------------------------------------------------------------------------------------

    private record Change(DealHistory history, String tallyId, long version, DealTally share) {}

    private void round(Generation generation, Lease lease, List<DealHistory> changed) {
        Map<String, List<DealHistory>> byPipeline = new LinkedHashMap<>();
        changed.forEach(history -> byPipeline
                .computeIfAbsent(
                        PipelineDefinition.idOf(history.tenantId(), history.pipelineId()), id -> new ArrayList<>())
                .add(history));
        Map<String, PipelineDefinition> pipelines = new HashMap<>();
        mongo.find(
                        Query.query(Criteria.where("_id").in(byPipeline.keySet())),
                        PipelineDefinition.class,
                        tallies.definitionsCollection(generation))
                .forEach(pipeline -> pipelines.put(pipeline.id(), pipeline));
        Map<String, Header> headers = tallies.headers(generation, byPipeline.keySet());

        List<DealHistory> counted = new ArrayList<>();
        Map<String, PipelineDefinition.Version> versions = new HashMap<>();
        for (var entry : byPipeline.entrySet()) {
            PipelineDefinition pipeline = pipelines.get(entry.getKey());
            if (pipeline == null) {
                // counted once the pipeline is defined: starting its tally marks every history again
                continue;
            }
            Header tally = headers.get(entry.getKey());
            if (tally == null || tally.pipelineVersion() < pipeline.latest().pipelineVersion()) {
                tally = startTally(generation, lease, pipeline, tally);
                headers.put(tally.id(), tally);
            }
            long version = tally.pipelineVersion();
            versions.put(
                    tally.id(),
                    pipeline.versions().stream()
                            .filter(v -> v.pipelineVersion() == version)
                            .findFirst()
                            .orElse(pipeline.latest()));
            counted.addAll(entry.getValue());
        }

        Map<String, Document> shares = new HashMap<>();
        if (!counted.isEmpty()) {
            tallies.shares(generation)
                    .find(Filters.in("_id", DealTallies.ids(counted)))
                    .forEach(share -> shares.put(share.getString("_id"), share));
        }
        List<Change> changes = new ArrayList<>();
        Map<String, DealTally> differences = new LinkedHashMap<>();
        Map<String, Instant> latest = new HashMap<>();
        for (DealHistory history : counted) {
            String tallyId = PipelineDefinition.idOf(history.tenantId(), history.pipelineId());
            Header tally = headers.get(tallyId);
            DealTally now = DealTally.of(history, versions.get(tallyId), Instant.MAX);
            DealTally before = applied(shares.get(history.id()), tally);
            DealTally difference = now.minus(before);
            latest.merge(tallyId, history.latestAt(), (a, b) -> a.isAfter(b) ? a : b);
            DealTally sum = differences.computeIfAbsent(tallyId, id -> new DealTally());
            if (!difference.isEmpty()) {
                changes.add(new Change(history, tallyId, tally.pipelineVersion(), now));
                sum.add(difference);
            }
        }

        long round = nextRound(generation, lease);
        if (!changes.isEmpty()) {
            List<WriteModel<Document>> pending = new ArrayList<>();
            for (Change change : changes) {
                pending.add(new UpdateOneModel<>(
                        Filters.eq("_id", change.history().id()),
                        Updates.combine(
                                Updates.set("pending", true),
                                Updates.set("pendingRound", round),
                                Updates.set("pendingTally", change.tallyId()),
                                Updates.set("pendingVersion", change.version()),
                                Updates.set("pendingCounters", DealTallies.document(change.share()))),
                        new UpdateOptions().upsert(true)));
            }
            tallies.shares(generation).bulkWrite(pending, new BulkWriteOptions().ordered(false));
        }
        for (var difference : differences.entrySet()) {
            List<Bson> updates = new ArrayList<>();
            difference.getValue().counters().forEach((key, value) -> updates.add(Updates.inc("c." + key, value)));
            updates.add(Updates.set("round", round));
            updates.add(Updates.max("latestAt", Date.from(latest.get(difference.getKey()))));
            var added = tallies.tallies(generation)
                    .updateOne(
                            where(
                                    "_id",
                                    difference.getKey(),
                                    "fence",
                                    lease.epoch,
                                    "round",
                                    new Document("$lt", round)),
                            Updates.combine(updates));
            if (added.getMatchedCount() == 0) {
                throw new LeaseLostException(generation);
            }
        }
        if (!changes.isEmpty()) {
            List<WriteModel<Document>> applied = new ArrayList<>();
            for (Change change : changes) {
                applied.add(new UpdateOneModel<>(
                        where("_id", change.history().id(), "pendingRound", round),
                        applied(change.tallyId(), change.version(), DealTallies.document(change.share()))));
            }
            tallies.shares(generation).bulkWrite(applied, new BulkWriteOptions().ordered(false));
        }
        List<WriteModel<Document>> unmark = new ArrayList<>();
        for (DealHistory history : changed) {
            unmark.add(new UpdateOneModel<>(
                    where("_id", history.id(), "sequence", history.sequence()), Updates.unset("untallied")));
        }
        tallies.histories(generation).bulkWrite(unmark, new BulkWriteOptions().ordered(false));
        rounds.increment();
        dealsTallied.increment(changed.size());
    }

    /** What the tally counts of a deal now: its applied share, if it was counted into this version of the tally. */
    private static DealTally applied(Document share, Header tally) {
        if (share == null
                || !tally.id().equals(share.getString("tally"))
                || DealTallies.number(share, "version") != tally.pipelineVersion()
                || !(share.get("counters") instanceof Document counters)) {
            return new DealTally();
        }
        return DealTallies.tallyOf(counters);
    }

    // --- lifecycle -----------------------------------------------------------------------------------------------

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name("deal-tallier").daemon().start(this::runLoop);
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!worker.isAlive()) {
                try {
                    release();
                } catch (RuntimeException e) {
                    log.warn("could not release the tallier lease: {}", e.toString());
                }
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
}
