package io.stageflow.analytics.rebuild;

import io.stageflow.analytics.sequencing.Generation;
import io.stageflow.analytics.sequencing.InOrderDelivery;
import io.stageflow.analytics.sequencing.ProjectionGenerations;
import io.stageflow.analytics.sequencing.SequencedDocuments;
import io.stageflow.analytics.sequencing.SequencedProjection;
import io.stageflow.platform.web.ConflictException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Rebuilds every projection from the topics into a new generation while the serving one goes on answering, then
 * switches queries over in one write. The steps, and why in this order:
 *
 * <ol>
 *   <li>claim the next generation: from then on every live consumer writes each event into it as well;
 *   <li>wait until every instance has seen the claim, and only then capture where each partition ends: whatever
 *       lies beyond reaches the new generation through the live consumers, whatever lies before through the replay
 *       (events that come both ways are duplicates, skipped by their sequence);
 *   <li>replay every partition from its beginning to the captured end into the new generation;
 *   <li>apply events a live consumer parked there while the replay was applying their predecessor;
 *   <li>switch: the new generation serves, the old one is dropped once no instance can still be reading it.
 * </ol>
 */
@Component
public class ProjectionRebuild implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);

    /** Long enough for every instance to have read the generations again. */
    static final Duration SETTLE = ProjectionGenerations.REFRESH.multipliedBy(2);

    private final ProjectionGenerations generations;
    private final EventReplay replay;
    private final List<SequencedProjection<?>> projections;
    private final SequencedDocuments documents;
    private final InOrderDelivery delivery;
    private final MongoTemplate mongo;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Tracker> last = new AtomicReference<>();

    ProjectionRebuild(
            ProjectionGenerations generations,
            EventReplay replay,
            List<SequencedProjection<?>> projections,
            SequencedDocuments documents,
            InOrderDelivery delivery,
            MongoTemplate mongo,
            Clock clock) {
        this.generations = generations;
        this.replay = replay;
        this.projections = projections;
        this.documents = documents;
        this.delivery = delivery;
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Starts a rebuild in the background; 409 while one runs, here or on another instance. */
    RebuildProgress start() {
        Generation building = generations
                .startBuilding()
                .orElseThrow(() -> new ConflictException(
                        "rebuild-running", "A rebuild is running; one runs at a time.", Map.of()));
        var tracker = new Tracker(building, clock.instant());
        last.set(tracker);
        worker.execute(() -> run(tracker));
        return tracker.progress(clock.instant());
    }

    RebuildProgress progress() {
        Tracker tracker = last.get();
        return tracker == null ? RebuildProgress.IDLE : tracker.progress(clock.instant());
    }

    private void run(Tracker tracker) {
        Generation building = tracker.generation;
        try {
            drop(building);
            for (SequencedProjection<?> projection : projections) {
                projection.documentTypes().forEach(type -> documents.prepare(type, building));
            }
            pauseBeating(tracker);
            try (EventReplay.Run run = replay.start()) {
                tracker.replaying(run.records(), clock.instant());
                run.applyTo(building, () -> {
                    tracker.done.incrementAndGet();
                    heartbeat(tracker);
                });
                run.applyReadyParked(building);
                // a live consumer may have parked an event just before the pass above looked
                pauseBeating(tracker);
                run.applyReadyParked(building);
            }
            tracker.state.set("SWITCHING");
            Generation previous = generations.serving();
            if (!generations.switchTo(building)) {
                throw new IllegalStateException("the claim on generation " + building.number()
                        + " was lost: silent for longer than " + ProjectionGenerations.STALE);
            }
            tracker.finished("DONE", clock.instant(), null);
            log.info("projections rebuilt into generation {} from {} events", building.number(), tracker.done.get());
            dropLater(previous);
        } catch (RuntimeException e) {
            log.error("rebuild of generation {} failed", building.number(), e);
            generations.abandon(building);
            tracker.finished("FAILED", clock.instant(), e.toString());
        } catch (InterruptedException e) {
            // the service is stopping; a rebuild already switched over stays done
            Thread.currentThread().interrupt();
            if (!tracker.state.get().equals("DONE")) {
                generations.abandon(building);
                tracker.finished("FAILED", clock.instant(), "interrupted");
            }
        }
    }

    /**
     * Drops the replaced generation once no instance can still be reading it. The rebuild is done by then: a
     * failure here leaves collections behind, nothing worse.
     */
    private void dropLater(Generation replaced) throws InterruptedException {
        pause(SETTLE);
        try {
            drop(replaced);
        } catch (RuntimeException e) {
            log.warn("could not drop the replaced generation {}: {}", replaced.number(), e.toString());
        }
    }

    /** Removes a generation's collections: leftovers of an earlier attempt, or the generation replaced. */
    private void drop(Generation generation) {
        List<String> collections = new ArrayList<>();
        for (SequencedProjection<?> projection : projections) {
            projection.documentTypes().forEach(type -> collections.add(documents.collection(type, generation)));
            projection.derivedCollections().forEach(base -> collections.add(generation.collection(base)));
        }
        collections.add(delivery.parkedCollection(generation));
        collections.stream().filter(mongo::collectionExists).forEach(mongo::dropCollection);
    }

    private static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    /** Waits {@link #SETTLE} while keeping the claim fresh, so that no other instance takes it over. */
    private void pauseBeating(Tracker tracker) throws InterruptedException {
        Instant until = clock.instant().plus(SETTLE);
        while (clock.instant().isBefore(until)) {
            heartbeat(tracker);
            pause(ProjectionGenerations.REFRESH.dividedBy(4));
        }
    }

    /** Tells the other instances this rebuild is alive, at most once per refresh interval. */
    private void heartbeat(Tracker tracker) {
        Instant now = clock.instant();
        if (!now.isBefore(tracker.lastBeat.plus(ProjectionGenerations.REFRESH))) {
            generations.heartbeat(tracker.generation);
            tracker.lastBeat = now;
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }

    /** One rebuild's progress, written by the worker and read by requests. */
    private static final class Tracker {

        final Generation generation;
        final Instant startedAt;
        final AtomicReference<String> state = new AtomicReference<>("PREPARING");
        final AtomicLong done = new AtomicLong();
        volatile long total;
        volatile Instant replayStartedAt;
        volatile Instant finishedAt;
        volatile String error;
        volatile Instant lastBeat;

        Tracker(Generation generation, Instant startedAt) {
            this.generation = generation;
            this.startedAt = startedAt;
            this.lastBeat = startedAt;
        }

        void replaying(long records, Instant now) {
            total = records;
            replayStartedAt = now;
            state.set("REPLAYING");
        }

        void finished(String outcome, Instant now, String why) {
            finishedAt = now;
            error = why;
            state.set(outcome);
        }

        RebuildProgress progress(Instant now) {
            String current = state.get();
            long eventsDone = done.get();
            boolean complete = current.equals("DONE");
            Instant rateUntil = finishedAt == null ? now : finishedAt;
            BigDecimal perSecond = BigDecimal.ZERO;
            if (replayStartedAt != null) {
                long millis =
                        Math.max(1, Duration.between(replayStartedAt, rateUntil).toMillis());
                perSecond = BigDecimal.valueOf(eventsDone * 1000L)
                        .divide(BigDecimal.valueOf(millis), 1, RoundingMode.HALF_UP);
            }
            BigDecimal percent = complete
                    ? BigDecimal.valueOf(100)
                    : total == 0
                            ? BigDecimal.ZERO
                            : BigDecimal.valueOf(Math.min(eventsDone, total) * 100L)
                                    .divide(BigDecimal.valueOf(total), 1, RoundingMode.HALF_UP);
            Long secondsLeft = complete ? Long.valueOf(0) : null;
            if (!complete && perSecond.signum() > 0) {
                secondsLeft = BigDecimal.valueOf(Math.max(0, total - eventsDone))
                        .divide(perSecond, 0, RoundingMode.CEILING)
                        .longValue();
            }
            return new RebuildProgress(
                    current,
                    generation.number(),
                    eventsDone,
                    total,
                    perSecond,
                    percent,
                    secondsLeft,
                    startedAt,
                    finishedAt,
                    error);
        }
    }
}
