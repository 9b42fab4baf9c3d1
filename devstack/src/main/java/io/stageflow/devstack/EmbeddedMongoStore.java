package io.stageflow.devstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

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

        H2Backend backend = new H2Backend(dataFile.toString());
        MongoServer server = new MongoServer(backend);
        server.bind(bindAddress, port);
        System.out.println(
                "Embedded MongoDB-compatible store listening on " + bindAddress + ":" + port + ", data in " + dataFile);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            // shutting down closes the H2 store cleanly, so the next start finds every committed write
                            server.shutdown();
                            stopped.countDown();
                        },
                        "store-shutdown"));
        stopped.await();
    }
}
