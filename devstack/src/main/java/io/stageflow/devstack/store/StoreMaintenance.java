package io.stageflow.devstack.store;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits and compacts an H2 store that was opened without H2's own background writer
 * ({@code autoCommitDisabled}).
 *
 * <p>Why not H2's writer: with it, H2 2.4 serializes a commit on one thread and writes it on another, while chunks
 * no longer in use are dropped by whichever thread commits next. On this project's load the serializing thread
 * was found spinning in {@code FileStore.saveChunkMetadataChanges}, waiting for a chunk to be written that never
 * would be: one core busy for good, nothing written to disk again, every request slowed. Committing here instead
 * serializes and writes each commit on one thread under the store's lock, so dropping chunks cannot interleave.
 *
 * <p>Every change is on disk within {@link #COMMIT_INTERVAL}. Under a bulk load this thread also commits as soon as
 * half the write buffer is used ({@link #CHECK_INTERVAL}): a commit now holds the store's lock while it serializes,
 * and a request thread whose write finds the buffer full would otherwise commit itself, or wait for this thread's
 * commit, in the middle of its request. Compaction rewrites chunks that fell below {@link #FILL_RATE} percent live
 * data, a limited amount at a time, so the file does not grow without end.
 */
public final class StoreMaintenance implements AutoCloseable {

    static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);
    static final Duration CHECK_INTERVAL = Duration.ofMillis(50);
    static final Duration COMPACT_INTERVAL = Duration.ofSeconds(10);
    static final int FILL_RATE = 50;
    static final int REWRITE_BYTES = 16 * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(StoreMaintenance.class);

    private final MVStore store;
    private final ScheduledExecutorService scheduler;
    private long lastCommit = System.nanoTime();

    private StoreMaintenance(MVStore store) {
        this.store = store;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "store-maintenance");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts committing and compacting {@code store} until {@link #close}. */
    public static StoreMaintenance start(MVStore store) {
        var maintenance = new StoreMaintenance(store);
        maintenance.scheduler.scheduleWithFixedDelay(
                maintenance::commitIfDue, CHECK_INTERVAL.toMillis(), CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        maintenance.scheduler.scheduleWithFixedDelay(
                maintenance::compact, COMPACT_INTERVAL.toMillis(), COMPACT_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return maintenance;
    }

    /** Commits once a second, or sooner when half the write buffer holds unsaved changes. */
    void commitIfDue() {
        boolean bufferHalfFull = store.getUnsavedMemory() >= store.getAutoCommitMemory() / 2;
        if (bufferHalfFull || System.nanoTime() - lastCommit >= COMMIT_INTERVAL.toNanos()) {
            run("commit", store::commit);
            lastCommit = System.nanoTime();
        }
    }

    void compact() {
        run("compaction", () -> store.compact(FILL_RATE, REWRITE_BYTES));
    }

    private void run(String what, Runnable action) {
        if (store.isClosed()) {
            return;
        }
        try {
            action.run();
        } catch (RuntimeException e) {
            // a failed commit is retried by the next one; a closed store stops being maintained
            log.warn("store {} failed: {}", what, e.toString());
        }
    }

    /** Stops maintaining; closing the store itself commits what is left. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
