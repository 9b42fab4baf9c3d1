package io.stageflow.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The Kafka broker and MongoDB every integration test in one JVM shares. With a Docker engine they come
 * from Testcontainers (Apache Kafka's image, a MongoDB replica set); without one, from a real KRaft broker
 * running inside the test JVM and the embedded MongoDB-compatible store. Both are real: the code under
 * test talks to them over the network with the production clients. Which one ran is printed.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final String MODE_PROPERTY = "stageflow.test.infrastructure";

    private static volatile Endpoints endpoints;

    private TestInfrastructure() {}

    /** Where the shared broker and store listen; started on first use, stopped when the JVM exits. */
    public record Endpoints(String kafkaBootstrapServers, String mongoUri, String description) {}

    public static Endpoints endpoints() {
        Endpoints current = endpoints;
        if (current == null) {
            synchronized (TestInfrastructure.class) {
                current = endpoints;
                if (current == null) {
                    current = start();
                    endpoints = current;
                    System.out.println("[stageflow-test] " + current.description());
                    log.info("Test infrastructure: {}", current.description());
                }
            }
        }
        return current;
    }

    private static Endpoints start() {
        String mode = System.getProperty(
                MODE_PROPERTY, System.getenv().getOrDefault("STAGEFLOW_TEST_INFRASTRUCTURE", "auto"));
        boolean docker = !"embedded".equals(mode) && dockerAvailable();
        if ("containers".equals(mode) && !docker) {
            throw new IllegalStateException(MODE_PROPERTY + "=containers but no Docker engine is reachable");
        }
        return docker ? startContainers() : startEmbedded();
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    private static Endpoints startContainers() {
        var kafka = new KafkaContainer("apache/kafka:4.1.2");
        var mongo = new MongoDBContainer("mongo:8.0").withReplicaSet();
        kafka.start();
        mongo.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.stop();
            mongo.stop();
        }));
        return new Endpoints(
                kafka.getBootstrapServers(),
                mongo.getReplicaSetUrl("stageflow_test"),
                "Kafka and MongoDB from Testcontainers (Docker engine found)");
    }

    private static Endpoints startEmbedded() {
        var broker = new EmbeddedKafkaKraftBroker(1, 6);
        broker.brokerProperties(java.util.Map.of(
                "auto.create.topics.enable", "true",
                "num.partitions", "6",
                "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        var mongo = new MongoServer(new MemoryBackend());
        InetSocketAddress address = mongo.bind();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mongo.shutdownNow();
            broker.destroy();
        }));
        return new Endpoints(
                broker.getBrokersAsString(),
                "mongodb://127.0.0.1:" + address.getPort() + "/stageflow_test",
                "no Docker engine found: in-JVM Apache Kafka KRaft broker at " + broker.getBrokersAsString()
                        + " and embedded MongoDB-compatible store (mongo-java-server) on port " + address.getPort());
    }
}
