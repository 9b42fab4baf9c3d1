package io.stageflow.devstack.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store opened without H2's background writer still has every change on disk within a commit interval. */
class StoreMaintenanceTests {

    @TempDir
    Path directory;

    @Test
    void commitsEveryChangeWithinACommitIntervalAndKeepsItAcrossAReopen() throws Exception {
        Path file = directory.resolve("store.mv.db");
        MVStore store = StoreFile.open(file, new MVStore.Builder().autoCommitDisabled());
        try (StoreMaintenance maintenance = StoreMaintenance.start(store)) {
            MVMap<String, String> map = store.openMap("things");
            map.put("a", "1");
            assertThat(store.hasUnsavedChanges())
                    .as("H2 commits nothing by itself")
                    .isTrue();

            long deadline = System.nanoTime()
                    + StoreMaintenance.COMMIT_INTERVAL.multipliedBy(3).toNanos();
            while (store.hasUnsavedChanges() && System.nanoTime() < deadline) {
                Thread.sleep(Duration.ofMillis(50));
            }
            assertThat(store.hasUnsavedChanges())
                    .as("committed by the maintenance thread")
                    .isFalse();
        }
        // a process killed now would lose nothing: the file alone holds the change
        store.closeImmediately();
        MVStore reopened =
                new MVStore.Builder().fileName(file.toString()).readOnly().open();
        try {
            assertThat(reopened.<String, String>openMap("things").get("a")).isEqualTo("1");
        } finally {
            reopened.close();
        }
    }
}
