package io.stageflow.platform.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.stageflow.platform.messaging.CloudEventCodec;
import io.stageflow.platform.store.GuardIndexes;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** The embedded outbox: staging events into aggregate documents and the relay that publishes them. */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"
        })
@EnableConfigurationProperties({OutboxProperties.class, KafkaProperties.class})
public class OutboxAutoConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OutboxAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    CloudEventCodec cloudEventCodec(Clock clock, ObjectProvider<MeterRegistry> meters, ObjectProvider<Tracer> tracer) {
        return new CloudEventCodec(
                clock, meters.getIfAvailable(SimpleMeterRegistry::new), () -> traceparent(tracer.getIfAvailable()));
    }

    /** The W3C {@code traceparent} of the current span, or null outside one. */
    static String traceparent(Tracer tracer) {
        Span span = tracer == null ? null : tracer.currentSpan();
        if (span == null) {
            return null;
        }
        TraceContext context = span.context();
        return "00-" + context.traceId() + "-" + context.spanId() + "-"
                + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }

    @Bean
    KafkaTemplate<String, byte[]> outboxKafkaTemplate(KafkaProperties kafka, OutboxProperties outbox) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        int timeout = (int) outbox.sendTimeout().toMillis();
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeout / 2, 5_000));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(timeout / 2, 5_000));
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    }

    @Bean
    OutboxRelay outboxRelay(
            MongoTemplate mongo,
            MongoMappingContext mappingContext,
            KafkaTemplate<String, byte[]> outboxKafkaTemplate,
            CloudEventCodec codec,
            OutboxProperties properties,
            MeterRegistry meters,
            Clock clock) {
        Map<String, String> versionFields = new TreeMap<>();
        mappingContext.getPersistentEntities().stream()
                .filter(entity -> AggregateRoot.class.isAssignableFrom(entity.getType()))
                .forEach(entity -> versionFields.put(
                        entity.getCollection(),
                        entity.getRequiredVersionProperty().getFieldName()));
        return new OutboxRelay(mongo, outboxKafkaTemplate, codec, properties, versionFields, meters, clock);
    }

    @Bean
    @ConditionalOnMissingBean
    io.stageflow.platform.messaging.DeadLetters deadLetters(KafkaTemplate<String, byte[]> outboxKafkaTemplate) {
        return new io.stageflow.platform.messaging.DeadLetters(outboxKafkaTemplate);
    }

    @Bean
    @ConditionalOnMissingBean
    GuardIndexes guardIndexes(MongoTemplate mongo) {
        return new GuardIndexes(mongo);
    }

    /**
     * Saves are guarded by {@code _id} and version (see {@link GuardIndexes} for why the embedded store needs an
     * index for that); the relay's sweep reads the aggregates marked pending through a sparse index.
     */
    @Bean
    SmartInitializingSingleton aggregateGuardIndexes(
            GuardIndexes indexes, MongoTemplate mongo, MongoMappingContext mappingContext) {
        return () -> mappingContext.getPersistentEntities().stream()
                .filter(entity -> AggregateRoot.class.isAssignableFrom(entity.getType()) && entity.hasVersionProperty())
                .forEach(entity -> {
                    try {
                        indexes.ensure(
                                entity.getCollection(),
                                entity.getRequiredVersionProperty().getFieldName());
                        // only aggregates with entries waiting carry the mark: the relay's sweep reads those alone
                        mongo.indexOps(entity.getCollection())
                                .createIndex(new Index()
                                        .on(AggregateRoot.PENDING_FIELD, Sort.Direction.ASC)
                                        .sparse()
                                        .named("outbox_pending"));
                    } catch (RuntimeException e) {
                        log.warn("could not create the outbox indexes of {}: {}", entity.getCollection(), e.toString());
                    }
                });
    }

    @Bean
    AggregateStore aggregateStore(
            MongoTemplate mongo,
            CloudEventCodec codec,
            ObjectProvider<OutboxRelay> relay,
            ObjectProvider<AggregateSaveListener> listeners) {
        return new AggregateStore(mongo, codec, relay, listeners);
    }

    @Bean
    OutboxStagingCallback outboxStagingCallback(
            CloudEventCodec codec, ObjectProvider<OutboxRelay> relay, ObjectProvider<AggregateSaveListener> listeners) {
        return new OutboxStagingCallback(codec, relay, listeners);
    }
}
