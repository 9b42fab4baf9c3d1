package io.stageflow.analytics.tallying;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
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
import io.stageflow.analytics.sequencing.Generation;
import io.stageflow.analytics.sequencing.ProjectionGenerations;
import io.stageflow.analytics.tallying.TallyStore.Header;
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

/**
 * Keeps each tally of a subject equal to the sum of its members' shares (ADR 0014). It is not a consumer: the
 * projection marks every member it writes {@code untallied}, however many writers there are (a rebuild has two), and
 * the tallier turns marked members into tally changes, one round at a time, on one instance per generation (a lease).
 *
 * <p>A round, numbered from the lease so that numbers only grow:
 *
 * <ol>
 *   <li>read up to a batch of marked members, and the shares their tallies hold;
 *   <li>write each changed member's new share as {@code pending} with the round number;
 *   <li>add the summed difference to each tally in one {@code $inc}, guarded by the lease's fence and by the
 *       tally's last round being older, and record the round there;
 *   <li>make the pending shares the applied ones;
 *   <li>unmark the members, each guarded by the sequence read: one folded meanwhile stays marked.
 * </ol>
 *
 * A crash between 2 and 4 leaves pending shares; whoever holds the lease next first settles them: a share whose
 * tally already holds its round was added (finish it), any other was not (drop it; its member is still marked).
 * Taking over a lease raises the fence on every tally of the generation, so a holder that paused past its lease
 * can no longer add anything.
 *
 * <p>Starting a tally (a new one, or one for a new version) first marks every member and then empties the tally, so
 * the tally is complete once a round has found every marked member: the first round after the start that takes
 * fewer than a batch. A member created meanwhile is marked by its own write.
 */
public class Tallier<D, C> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Tallier.class);

    private final MongoTemplate mongo;
    private final TallyStore<D, C> store;
    private final TallySubject<D, C> subject;
    private final ProjectionGenerations generations;
    private final TallierProperties properties;
    private final Clock clock;
    private final String instance = UUID.randomUUID().toString();
    private final Map<Generation, Lease> leases = new HashMap<>();
    private final Counter membersTallied;
    private final Counter rounds;
    /** changed members the last round found (at most a batch); -1 before the first */
    private final AtomicLong backlog = new AtomicLong(-1);
    /** tallies still being filled at the last check; -1 before the first */
    private final AtomicLong incomplete = new AtomicLong(-1);

    private volatile boolean running;
    private Thread worker;

    public Tallier(
            MongoTemplate mongo,
            TallyStore<D, C> store,
            ProjectionGenerations generations,
            TallierProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.mongo = mongo;
        this.store = store;
        this.subject = store.subject();
        this.generations = generations;
        this.properties = properties;
        this.clock = clock;
        this.membersTallied = Counter.builder("stageflow.analytics.tallier.counted")
                .description("Projection documents the tallier counted again after they changed")
                .tag("subject", subject.name())
                .register(meters);
        this.rounds = Counter.builder("stageflow.analytics.tallier.rounds")
                .description("Tallier rounds that found changed projection documents")
                .tag("subject", subject.name())
                .register(meters);
        Gauge.builder("stageflow.analytics.tallier.backlog", backlog, AtomicLong::get)
                .description("Changed projection documents the tallier's last round found, at most a batch")
                .tag("subject", subject.name())
                .register(meters);
        Gauge.builder("stageflow.analytics.tallies.incomplete", incomplete, AtomicLong::get)
                .description("Tallies still being filled; their queries read every document meanwhile")
                .tag("subject", subject.name())
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
        LeaseLostException(String subject, Generation generation) {
            super("the " + subject + " tallier lease of generation " + generation.number()
                    + " is held by another instance");
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
            } catch (MongoException e) {
                // the store away, most likely; the next round settles what this one left
                log.warn("{} tallier round failed, retrying: {}", subject.name(), e.toString());
                leases.values().forEach(lease -> lease.settled = false);
            } catch (RuntimeException e) {
                log.error("{} tallier round failed, retrying", subject.name(), e);
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
     * @return whether the round was full, so that more changed members are probably waiting
     */
    public boolean tallyOnce(Generation generation) {
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
            Map<String, Header> filling = Map.of();
            if (check) {
                lease.checkAt = now.plus(properties.checkInterval());
                List<TallyScope<C>> due = subject.dueScopes(generation);
                if (!due.isEmpty()) {
                    Map<String, Header> headers = store.headers(generation, new Document());
                    for (TallyScope<C> scope : due) {
                        startIfDue(generation, lease, scope, headers);
                    }
                }
                // taken before the marked members are read: a round that then finds all of them completes these
                filling = store.headers(generation, Filters.eq("ready", false));
            }
            // requests first: a member whose request came after is then read as it is since (TallySubject#recounted)
            List<Document> requests = recountRequests(generation);
            List<D> changed = mongo.find(
                    Query.query(Criteria.where("untallied").is(true)).limit(properties.batchSize()),
                    subject.memberType(),
                    store.membersCollection(generation));
            List<D> members = withRecounted(generation, changed, requests);
            if (!members.isEmpty()) {
                round(generation, lease, members);
            }
            if (!requests.isEmpty()) {
                List<WriteModel<Document>> done = new ArrayList<>(requests.size());
                requests.forEach(request ->
                        done.add(new DeleteOneModel<>(where("_id", request.get("_id"), "n", request.get("n")))));
                store.recounts(generation).bulkWrite(done, new BulkWriteOptions().ordered(false));
            }
            backlog.set(changed.size() + requests.size());
            boolean allMarkedFound = changed.size() < properties.batchSize();
            if (check && allMarkedFound) {
                markReady(generation, filling.values());
            }
            return !allMarkedFound || requests.size() == properties.batchSize();
        } catch (LeaseLostException e) {
            log.info(e.getMessage());
            leases.remove(generation);
            return false;
        }
    }

    /** Up to a batch of requests to count members again; none asked of a subject that takes none. */
    private List<Document> recountRequests(Generation generation) {
        if (!subject.recountable()) {
            return List.of();
        }
        return store.recounts(generation).find().limit(properties.batchSize()).into(new ArrayList<>());
    }

    /** The marked members and those the recount requests name, each once. */
    private List<D> withRecounted(Generation generation, List<D> changed, List<Document> requests) {
        if (requests.isEmpty()) {
            return changed;
        }
        Map<String, D> members = new LinkedHashMap<>();
        changed.forEach(member -> members.put(subject.memberId(member), member));
        subject.recounted(generation, requests)
                .forEach(member -> members.putIfAbsent(subject.memberId(member), member));
        return new ArrayList<>(members.values());
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
            var renewed = store.leases()
                    .updateOne(
                            where("_id", id, "holder", instance, "epoch", held.epoch),
                            Updates.set("expiresAt", Date.from(now.plus(properties.leaseDuration()))));
            if (renewed.getMatchedCount() == 1) {
                held.renewAt = now.plus(properties.leaseDuration().dividedBy(3));
                return held;
            }
            leases.remove(generation);
        }
        Document taken = store.leases()
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
                store.leases().insertOne(taken);
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                    return null; // held by another instance
                }
                throw e;
            }
        }
        long epoch = TallyStore.number(taken, "epoch");
        // whoever held it before can no longer add to a tally
        store.tallies(generation).updateMany(Filters.lt("fence", epoch), Updates.set("fence", epoch));
        store.prepare(generation);
        Lease lease = new Lease(epoch, TallyStore.number(taken, "round") + 1);
        lease.renewAt = now.plus(properties.leaseDuration().dividedBy(3));
        leases.put(generation, lease);
        log.info("tallying {}s of generation {} (lease epoch {})", subject.name(), generation.number(), epoch);
        return lease;
    }

    private long nextRound(Generation generation, Lease lease) {
        Instant now = clock.instant();
        Document updated = store.leases()
                .findOneAndUpdate(
                        where("_id", leaseId(generation), "holder", instance, "epoch", lease.epoch),
                        Updates.combine(
                                Updates.inc("round", 1L),
                                Updates.set("expiresAt", Date.from(now.plus(properties.leaseDuration())))),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (updated == null) {
            throw lost(generation);
        }
        lease.renewAt = now.plus(properties.leaseDuration().dividedBy(3));
        return TallyStore.number(updated, "round");
    }

    /** Lets another instance take over at once rather than after the lease runs out. */
    private void release() {
        leases.forEach((generation, lease) -> store.leases()
                .updateOne(
                        where("_id", leaseId(generation), "holder", instance, "epoch", lease.epoch),
                        Updates.set("expiresAt", new Date(0))));
        leases.clear();
    }

    private LeaseLostException lost(Generation generation) {
        return new LeaseLostException(subject.name(), generation);
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
                store.shares(generation).find(Filters.eq("pending", true)).into(new ArrayList<>());
        if (pending.isEmpty()) {
            lease.settledOnce = true;
            return;
        }
        Set<String> tallyIds = new HashSet<>();
        pending.forEach(share -> tallyIds.add(share.getString("pendingTally")));
        Map<String, Header> headers = store.headers(generation, tallyIds);
        List<WriteModel<Document>> writes = new ArrayList<>();
        int finished = 0;
        for (Document share : pending) {
            long round = TallyStore.number(share, "pendingRound");
            Header tally = headers.get(share.getString("pendingTally"));
            boolean added = (takeover || round >= lease.firstRound)
                    && tally != null
                    && tally.round() >= round
                    && tally.version() == TallyStore.number(share, "pendingVersion");
            Bson guard = where("_id", share.get("_id"), "pendingRound", round);
            if (added) {
                finished++;
                writes.add(new UpdateOneModel<>(
                        guard,
                        applied(
                                share.getString("pendingTally"),
                                TallyStore.number(share, "pendingVersion"),
                                share.get("pendingCounters", Document.class))));
            } else {
                writes.add(new UpdateOneModel<>(guard, unsetPending()));
            }
        }
        store.shares(generation).bulkWrite(writes, new BulkWriteOptions().ordered(false));
        log.info(
                "settled {} pending {} shares of generation {}: {} had been added, {} dropped",
                pending.size(),
                subject.name(),
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

    // --- starting tallies ----------------------------------------------------------------------------------------

    /** The scope's tally, started first when it is missing or kept for an older version than the scope's. */
    private Header startIfDue(Generation generation, Lease lease, TallyScope<C> scope, Map<String, Header> headers) {
        Header tally = headers.get(scope.tallyId());
        if (tally != null && tally.version() >= scope.version()) {
            return tally;
        }
        // marked first: a crash before the tally is emptied leaves it at its old version, due again at the next check
        var marked = store.members(generation).updateMany(scope.members(), Updates.set("untallied", true));
        if (tally == null) {
            try {
                store.tallies(generation)
                        .insertOne(new Document("_id", scope.tallyId())
                                .append("tenantId", scope.tenantId())
                                .append("version", scope.version())
                                .append("ready", false)
                                .append("round", 0L)
                                .append("fence", lease.epoch)
                                .append("c", new Document()));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                throw lost(generation);
            }
        } else {
            var reset = store.tallies(generation)
                    .updateOne(
                            where("_id", scope.tallyId(), "fence", lease.epoch),
                            Updates.combine(
                                    Updates.set("version", scope.version()),
                                    Updates.set("ready", false),
                                    Updates.set("c", new Document())));
            if (reset.getMatchedCount() == 0) {
                throw lost(generation);
            }
        }
        log.info(
                "counting {} {}s into tally {} of version {}",
                marked.getMatchedCount(),
                subject.name(),
                scope.tallyId(),
                scope.version());
        return store.headers(generation, List.of(scope.tallyId())).get(scope.tallyId());
    }

    /** Tallies that were being filled before a round found every marked member are complete, and stay so. */
    private void markReady(Generation generation, Iterable<Header> filling) {
        for (Header tally : filling) {
            var made = store.tallies(generation)
                    .updateOne(
                            where("_id", tally.id(), "version", tally.version(), "fence", tally.fence()),
                            Updates.set("ready", true));
            if (made.getModifiedCount() == 1) {
                log.info("tally {} of the {}s counts all its members", tally.id(), subject.name());
            }
        }
        if (generation.equals(generations.serving())) {
            incomplete.set(store.tallies(generation).countDocuments(Filters.eq("ready", false)));
        }
    }

    // --- a round -------------------------------------------------------------------------------------------------

    private record Change<D>(D member, String tallyId, long version, Counters share) {}

    private void round(Generation generation, Lease lease, List<D> changed) {
        Map<String, TallyScope<C>> scopes = subject.scopesOf(generation, changed);
        Map<String, Header> headers = store.headers(generation, scopes.keySet());
        for (TallyScope<C> scope : scopes.values()) {
            headers.put(scope.tallyId(), startIfDue(generation, lease, scope, headers));
        }
        List<D> counted = new ArrayList<>();
        for (D member : changed) {
            // a member without a scope is counted once its tally starts, which marks it again
            if (scopes.containsKey(subject.tallyId(member))) {
                counted.add(member);
            }
        }

        Map<String, Document> shares = new HashMap<>();
        if (!counted.isEmpty()) {
            List<String> ids = new ArrayList<>(counted.size());
            counted.forEach(member -> ids.add(subject.memberId(member)));
            store.shares(generation)
                    .find(Filters.in("_id", ids))
                    .forEach(share -> shares.put(share.getString("_id"), share));
        }
        List<Change<D>> changes = new ArrayList<>();
        Map<String, Counters> differences = new LinkedHashMap<>();
        Map<String, Instant> latest = new HashMap<>();
        for (D member : counted) {
            String tallyId = subject.tallyId(member);
            Header tally = headers.get(tallyId);
            Counters now = subject.share(member, scopes.get(tallyId), tally.version());
            Counters difference = now.minus(applied(shares.get(subject.memberId(member)), tally));
            latest.merge(tallyId, subject.latestAt(member, scopes.get(tallyId)), (a, b) -> a.isAfter(b) ? a : b);
            Counters sum = differences.computeIfAbsent(tallyId, id -> new Counters());
            if (!difference.isEmpty()) {
                changes.add(new Change<>(member, tallyId, tally.version(), now));
                sum.add(difference);
            }
        }

        long round = nextRound(generation, lease);
        if (!changes.isEmpty()) {
            List<WriteModel<Document>> pending = new ArrayList<>();
            for (Change<D> change : changes) {
                pending.add(new UpdateOneModel<>(
                        Filters.eq("_id", subject.memberId(change.member())),
                        Updates.combine(
                                Updates.set("pending", true),
                                Updates.set("pendingRound", round),
                                Updates.set("pendingTally", change.tallyId()),
                                Updates.set("pendingVersion", change.version()),
                                Updates.set("pendingCounters", TallyStore.document(change.share()))),
                        new UpdateOptions().upsert(true)));
            }
            store.shares(generation).bulkWrite(pending, new BulkWriteOptions().ordered(false));
        }
        for (var difference : differences.entrySet()) {
            List<Bson> updates = new ArrayList<>();
            difference.getValue().asMap().forEach((key, value) -> updates.add(Updates.inc("c." + key, value)));
            updates.add(Updates.set("round", round));
            updates.add(Updates.max("latestAt", Date.from(latest.get(difference.getKey()))));
            var added = store.tallies(generation)
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
                throw lost(generation);
            }
        }
        if (!changes.isEmpty()) {
            List<WriteModel<Document>> applied = new ArrayList<>();
            for (Change<D> change : changes) {
                applied.add(new UpdateOneModel<>(
                        where("_id", subject.memberId(change.member()), "pendingRound", round),
                        applied(change.tallyId(), change.version(), TallyStore.document(change.share()))));
            }
            store.shares(generation).bulkWrite(applied, new BulkWriteOptions().ordered(false));
        }
        subject.counted(generation, changed);
        List<WriteModel<Document>> unmark = new ArrayList<>();
        for (D member : changed) {
            unmark.add(new UpdateOneModel<>(
                    where("_id", subject.memberId(member), "sequence", subject.sequence(member)),
                    Updates.unset("untallied")));
        }
        store.members(generation).bulkWrite(unmark, new BulkWriteOptions().ordered(false));
        rounds.increment();
        membersTallied.increment(changed.size());
    }

    /** What the tally counts of a member now: its applied share, if it was counted into this version of the tally. */
    private static Counters applied(Document share, Header tally) {
        if (share == null
                || !tally.id().equals(share.getString("tally"))
                || TallyStore.number(share, "version") != tally.version()) {
            return new Counters();
        }
        return TallyStore.counters(share, "counters");
    }

    // --- lifecycle -----------------------------------------------------------------------------------------------

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().name(subject.name() + "-tallier").daemon().start(this::runLoop);
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
                    log.warn("could not release the {} tallier lease: {}", subject.name(), e.toString());
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
