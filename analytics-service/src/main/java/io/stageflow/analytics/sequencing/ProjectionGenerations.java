package io.stageflow.analytics.sequencing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Which generation of the projections serves queries and which, if any, a rebuild is writing. Kept in one document,
 * so that the switch from one generation to the next is one atomic write that every instance of the service sees.
 * Each instance reads it again at most {@link #REFRESH} after the last read: a rebuild waits that long before it
 * relies on every instance having seen a change. A rebuild beats a heartbeat into the document; one silent for
 * {@link #STALE} died with its instance, so live consumers stop writing into its generation and a new rebuild may
 * take its place.
 */
@Component
public class ProjectionGenerations {

    /** How long an instance may go on with what it last read. */
    public static final Duration REFRESH = Duration.ofSeconds(1);

    /** How long a rebuild may go without a heartbeat before it counts as dead. */
    public static final Duration STALE = Duration.ofMinutes(1);

    private static final String ID = "projections";

    private final MongoTemplate mongo;
    private final Clock clock;
    private volatile Cached cached;

    public ProjectionGenerations(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @Document("projection_generations")
    record State(@Id String id, long serving, Long building, Instant heartbeatAt) {

        /** The generation being built by a rebuild that is still alive at {@code now}. */
        Optional<Generation> liveBuilding(Instant now) {
            return building == null
                            || heartbeatAt == null
                            || heartbeatAt.plus(STALE).isBefore(now)
                    ? Optional.empty()
                    : Optional.of(new Generation(building));
        }
    }

    private record Cached(State state, Instant readAt) {}

    /** The generation queries read. */
    public Generation serving() {
        return new Generation(state().serving());
    }

    /** Where a consumed event goes: the serving generation, and the one being rebuilt while there is one. */
    public List<Generation> targets() {
        State state = state();
        Generation serving = new Generation(state.serving());
        return state.liveBuilding(clock.instant())
                .map(building -> List.of(serving, building))
                .orElse(List.of(serving));
    }

    /**
     * Claims the next generation for a rebuild; empty when a live rebuild already holds one, on this instance or
     * any other. The claim and the check are one conditional write.
     */
    public Optional<Generation> startBuilding() {
        State current = read();
        Generation next = new Generation(current.serving()).next();
        Instant now = clock.instant();
        State claimed = mongo.findAndModify(
                Query.query(Criteria.where("_id")
                        .is(ID)
                        .and("serving")
                        .is(current.serving())
                        .orOperator(
                                Criteria.where("building").isNull(),
                                Criteria.where("heartbeatAt").lt(now.minus(STALE)))),
                new Update().set("building", next.number()).set("heartbeatAt", now),
                FindAndModifyOptions.options().returnNew(true),
                State.class);
        refresh();
        return claimed == null ? Optional.empty() : Optional.of(next);
    }

    /** Keeps a rebuild's claim alive. */
    public void heartbeat(Generation building) {
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(ID).and("building").is(building.number())),
                new Update().set("heartbeatAt", clock.instant()),
                State.class);
    }

    /**
     * Makes the rebuilt generation the serving one, in the same write that ends the rebuild; false when the rebuild
     * no longer held the claim.
     */
    public boolean switchTo(Generation built) {
        var result = mongo.updateFirst(
                Query.query(Criteria.where("_id").is(ID).and("building").is(built.number())),
                new Update().set("serving", built.number()).unset("building").unset("heartbeatAt"),
                State.class);
        refresh();
        return result.getModifiedCount() == 1;
    }

    /** Ends a rebuild that failed; the serving generation stays. */
    public void abandon(Generation building) {
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(ID).and("building").is(building.number())),
                new Update().unset("building").unset("heartbeatAt"),
                State.class);
        refresh();
    }

    private State state() {
        Cached current = cached;
        if (current == null || !clock.instant().isBefore(current.readAt().plus(REFRESH))) {
            return refresh();
        }
        return current.state();
    }

    private State refresh() {
        State state = read();
        cached = new Cached(state, clock.instant());
        return state;
    }

    /** The stored state; before the first rebuild there is none, and generation 0 serves. */
    private State read() {
        State state = mongo.findById(ID, State.class);
        if (state != null) {
            return state;
        }
        return mongo.findAndModify(
                Query.query(Criteria.where("_id").is(ID)),
                new Update().setOnInsert("serving", 0L),
                FindAndModifyOptions.options().upsert(true).returnNew(true),
                State.class);
    }
}
