package io.stageflow.devstack;

import de.bwaldvogel.mongo.MongoServer;
import io.stageflow.devstack.store.StoreBackend;
import io.stageflow.devstack.store.StoreFile;
import io.stageflow.devstack.store.StoreMaintenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.h2.mvstore.MVStore;

/**
 * The local stack's MongoDB-compatible store: mongo-java-server with its H2 file backend, so data survives
 * a restart. It speaks the MongoDB wire protocol, so the services use the ordinary MongoDB driver. It has
 * no multi-document transactions or change streams; Stageflow needs neither (see docs/adr).
 *
 * <p>Arguments: {@code <data file> <port> [bind address]}.
 */
public final class EmbeddedMongoStore {

    private EmbeddedMongoStore() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: EmbeddedMongoStore <data file> <port> [bind address]");
            System.exit(2);
        }
        Path dataFile = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String bindAddress = args.length > 2 ? args[2] : "127.0.0.1";
        Files.createDirectories(dataFile.getParent());

        MVStore store = openStore(dataFile);
        StoreMaintenance maintenance = StoreMaintenance.start(store);
        StoreBackend backend = new StoreBackend(store);
        MongoServer server = new MongoServer(backend);
        server.bind(bindAddress, port);
        System.out.println(
                "Embedded MongoDB-compatible store listening on " + bindAddress + ":" + port + ", data in " + dataFile);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            // shutting down closes the H2 store cleanly, so the next start finds every committed write
                            maintenance.close();
                            server.shutdown();
                            stopped.countDown();
                        },
                        "store-shutdown"));
        stopped.await();
    }

    /**
     * H2's defaults suit an embedded SQL database, not a store several services write to at once. When unsaved
     * pages outgrow the write buffer (1 MB by default), the thread whose write overflowed it writes the chunk to
     * disk itself, so under steady write load the store's request threads wait on disk writes. A larger buffer
     * leaves that to the maintenance thread, which persists every change within a second; a larger page cache (16 MB
     * by default) keeps the services' working set in memory. H2's own background writer is off: {@link
     * StoreMaintenance} says why.
     */
    static MVStore openStore(Path dataFile) throws IOException {
        return StoreFile.open(
                dataFile,
                new MVStore.Builder()
                        .autoCommitDisabled()
                        .cacheSize(Integer.getInteger("stageflow.store.cache-mb", 256))
                        .autoCommitBufferSize(Integer.getInteger("stageflow.store.write-buffer-kb", 64 * 1024)));
    }
}
