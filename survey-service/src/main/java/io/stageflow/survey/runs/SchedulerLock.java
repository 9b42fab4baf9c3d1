package io.stageflow.survey.runs;

import io.stageflow.survey.SurveyProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * A lease in MongoDB that lets one instance of survey-service at a time open, remind and close runs, so
 * several instances never open a run twice or send two reminders. A crashed holder's lease runs out and
 * another instance takes over. Inside one instance a local lock keeps the scheduler thread and a request
 * that opens a run by hand apart.
 */
@Component
public class SchedulerLock {

    static final String COLLECTION = "scheduler_locks";

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Duration lease;
    private final String owner;
    private final ReentrantLock local = new ReentrantLock();

    @Autowired
    SchedulerLock(MongoTemplate mongo, Clock clock, SurveyProperties properties) {
        this(mongo, clock, properties.lockLease(), "instance-" + UUID.randomUUID());
    }

    SchedulerLock(MongoTemplate mongo, Clock clock, Duration lease, String owner) {
        this.mongo = mongo;
        this.clock = clock;
        this.lease = lease;
        this.owner = owner;
    }

    /**
     * Runs {@code work} while holding the lock named {@code name}, waiting up to {@code wait} for this
     * instance's other users of it. Returns false, without running it, when another instance holds it.
     */
    public boolean runExclusively(String name, Duration wait, Runnable work) {
        try {
            if (!local.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            if (!acquire(name)) {
                return false;
            }
            try {
                work.run();
            } finally {
                release(name);
            }
            return true;
        } finally {
            local.unlock();
        }
    }

    private boolean acquire(String name) {
        Instant now = clock.instant();
        Date until = Date.from(now.plus(lease));
        try {
            mongo.insert(new Document("_id", name).append("owner", owner).append("lockedUntil", until), COLLECTION);
            return true;
        } catch (DuplicateKeyException taken) {
            var free = new Criteria()
                    .orOperator(
                            Criteria.where("lockedUntil").lt(Date.from(now)),
                            Criteria.where("owner").is(owner));
            return mongo.updateFirst(
                                    Query.query(Criteria.where("_id").is(name).andOperator(free)),
                                    new Update().set("owner", owner).set("lockedUntil", until),
                                    COLLECTION)
                            .getMatchedCount()
                    == 1;
        }
    }

    private void release(String name) {
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(name).and("owner").is(owner)),
                new Update().set("lockedUntil", new Date(0)),
                COLLECTION);
    }
}
