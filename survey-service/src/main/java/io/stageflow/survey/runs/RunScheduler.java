package io.stageflow.survey.runs;

import io.stageflow.platform.outbox.AggregateStore;
import io.stageflow.survey.SurveyProperties;
import io.stageflow.survey.employees.Employee;
import io.stageflow.survey.employees.Employees;
import io.stageflow.survey.notifications.Notification;
import io.stageflow.survey.surveys.Survey;
import io.stageflow.survey.surveys.Surveys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The survey clock: opens due runs, finishes interrupted openings, sends each run's one reminder, publishes
 * full batches of answers, and closes runs after their window. One instance at a time does this (see
 * {@link SchedulerLock}); a failing survey or run is logged and does not hold up the others.
 */
@Component
public class RunScheduler {

    static final String LOCK = "survey-scheduler";
    private static final Logger log = LoggerFactory.getLogger(RunScheduler.class);

    private final SchedulerLock lock;
    private final Surveys surveys;
    private final SurveyRuns runs;
    private final RunOpening opening;
    private final AnswerRelease release;
    private final Employees employees;
    private final AggregateStore store;
    private final MongoTemplate mongo;
    private final SurveyProperties properties;
    private final Clock clock;

    RunScheduler(
            SchedulerLock lock,
            Surveys surveys,
            SurveyRuns runs,
            RunOpening opening,
            AnswerRelease release,
            Employees employees,
            AggregateStore store,
            MongoTemplate mongo,
            SurveyProperties properties,
            Clock clock) {
        this.lock = lock;
        this.surveys = surveys;
        this.runs = runs;
        this.opening = opening;
        this.release = release;
        this.employees = employees;
        this.store = store;
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    /** One pass; returns false when another instance holds the lock and did nothing here. */
    public boolean tick() {
        return lock.runExclusively(LOCK, Duration.ZERO, this::pass);
    }

    /** Runs {@code work} holding the scheduler lock, waiting briefly for this instance's own tick. */
    public <T> T exclusively(Supplier<T> work) {
        Object[] result = new Object[1];
        if (!lock.runExclusively(LOCK, Duration.ofSeconds(10), () -> result[0] = work.get())) {
            throw new IllegalStateException("the survey scheduler lock is held elsewhere; try again shortly");
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    private void pass() {
        Instant now = clock.instant();
        for (Survey survey : surveys.findByActiveTrueAndNextRunAtLessThanEqual(now)) {
            guarded(
                    "open a run of survey " + survey.id(),
                    () -> opening.openScheduled(survey, survey.occurrencesUsed()));
        }
        for (SurveyRun run : runs.findByStatus(RunStatus.OPENING)) {
            guarded("finish opening run " + run.id(), () -> opening.complete(run));
        }
        for (SurveyRun run : runs.findByStatus(RunStatus.OPEN)) {
            guarded("look after run " + run.id(), () -> lookAfter(run, now));
        }
        for (SurveyRun run : runs.findByStatusAndRosterDeletedFalse(RunStatus.CLOSED)) {
            guarded("forget who was invited to run " + run.id(), () -> forgetRoster(run));
        }
    }

    private void lookAfter(SurveyRun run, Instant now) {
        release.storePending(run);
        if (!now.isBefore(run.closesAt().plus(properties.closeGrace()))) {
            SurveyRun released = release.releaseAll(run);
            released.close(now);
            forgetRoster(store.save(released));
            return;
        }
        SurveyRun current = run;
        if (!run.reminderSent() && !now.isBefore(run.remindAt())) {
            current = remind(run);
        }
        release.releaseFullBatches(current);
    }

    /**
     * Sends the one reminder to everyone who has not answered, each with a fresh link: only token hashes are
     * stored, so the original link cannot be sent again. The old link then answers that it was replaced.
     */
    private SurveyRun remind(SurveyRun run) {
        Query unanswered = Query.query(Criteria.where("runId")
                .is(run.id())
                .and("used")
                .is(false)
                .and("replaced")
                .ne(true)
                .and("delivered")
                .is(true));
        for (Invitation invitation : mongo.find(unanswered, Invitation.class)) {
            Employee employee = employees.findById(invitation.employeeId()).orElse(null);
            if (employee == null) {
                continue; // left the directory since the run opened
            }
            String fresh = opening.invite(run, employee, Notification.Kind.REMINDER);
            boolean replaced = mongo.updateFirst(
                                    Query.query(Criteria.where("_id")
                                            .is(invitation.tokenHash())
                                            .and("used")
                                            .is(false)),
                                    new Update()
                                            .set("replaced", true)
                                            .unset("employeeId")
                                            .unset("segment"),
                                    Invitation.class)
                            .getMatchedCount()
                    == 1;
            if (!replaced) {
                // answered with the old link meanwhile: the new one must not allow a second answer
                mongo.remove(Query.query(Criteria.where("_id").is(fresh)), Invitation.class);
            }
        }
        run.reminded();
        return store.save(run);
    }

    /** After closing, nothing may tie a token to a person any more; the tokens stay so they answer 410. */
    private void forgetRoster(SurveyRun run) {
        release.storePending(run);
        mongo.updateMulti(
                Query.query(Criteria.where("runId").is(run.id())),
                new Update().unset("employeeId").unset("segment").unset("pending"),
                Invitation.class);
        run.rosterDeleted();
        store.save(run);
    }

    private static void guarded(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.error("Could not {}; the next pass tries again", what, e);
        }
    }
}
