package io.stageflow.analytics.messaging;

import io.stageflow.analytics.rebuild.EventReplay;
import io.stageflow.analytics.sequencing.ConcurrentProjectionUpdateException;
import io.stageflow.analytics.sequencing.Generation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Reads the projection topics from their beginning with a plain consumer of no group: it assigns itself every
 * partition and commits nothing, so the service's consumer group and its offsets stay untouched.
 */
@Component
class KafkaEventReplay implements EventReplay {

    private static final Logger log = LoggerFactory.getLogger(KafkaEventReplay.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int ATTEMPTS = 5;
    private static final int REPLAY_BATCH = 2000;

    private final KafkaProperties kafka;
    private final ProjectionDispatch dispatch;

    KafkaEventReplay(KafkaProperties kafka, ProjectionDispatch dispatch) {
        this.kafka = kafka;
        this.dispatch = dispatch;
    }

    @Override
    public Run start() {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "analytics-rebuild");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // each poll is applied as a batch: one read and one write per document it touches
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, REPLAY_BATCH);
        var consumer = new KafkaConsumer<String, byte[]>(config);
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : ProjectionDispatch.TOPICS) {
                consumer.partitionsFor(topic, TIMEOUT)
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            return new KafkaRun(
                    consumer, consumer.beginningOffsets(partitions, TIMEOUT), consumer.endOffsets(partitions, TIMEOUT));
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    private final class KafkaRun implements Run {

        private final KafkaConsumer<String, byte[]> consumer;
        private final Map<TopicPartition, Long> beginning;
        private final Map<TopicPartition, Long> end;

        KafkaRun(
                KafkaConsumer<String, byte[]> consumer,
                Map<TopicPartition, Long> beginning,
                Map<TopicPartition, Long> end) {
            this.consumer = consumer;
            this.beginning = beginning;
            this.end = end;
        }

        @Override
        public long records() {
            return end.entrySet().stream()
                    .mapToLong(e -> e.getValue() - beginning.getOrDefault(e.getKey(), 0L))
                    .sum();
        }

        @Override
        public void applyTo(Generation generation, Runnable progress) {
            Set<TopicPartition> remaining = new HashSet<>();
            end.forEach((partition, endOffset) -> {
                if (endOffset > beginning.getOrDefault(partition, 0L)) {
                    remaining.add(partition);
                }
            });
            consumer.assign(remaining);
            consumer.seekToBeginning(remaining);
            while (!remaining.isEmpty()) {
                // a poll's records, each topic's a batch, as the live consumers get them
                Map<String, List<ConsumerRecord<String, byte[]>>> batches = new LinkedHashMap<>();
                int polled = 0;
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    var partition = new TopicPartition(record.topic(), record.partition());
                    // what lies beyond the captured end reaches the new generation through the live consumers
                    if (record.offset() < end.get(partition)) {
                        polled++;
                        if (record.value() != null) {
                            batches.computeIfAbsent(record.topic(), topic -> new ArrayList<>())
                                    .add(record);
                        }
                    }
                }
                batches.forEach((topic, records) -> apply(topic, records, generation));
                for (int i = 0; i < polled; i++) {
                    progress.run();
                }
                for (TopicPartition partition : List.copyOf(remaining)) {
                    if (consumer.position(partition, TIMEOUT) >= end.get(partition)) {
                        remaining.remove(partition);
                        consumer.pause(List.of(partition));
                    }
                }
            }
        }

        @Override
        public void applyReadyParked(Generation generation) {
            dispatch.applyReadyParked(generation);
        }

        private void apply(String topic, List<ConsumerRecord<String, byte[]>> records, Generation generation) {
            List<Message<byte[]>> messages = new ArrayList<>(records.size());
            for (ConsumerRecord<String, byte[]> record : records) {
                var message = MessageBuilder.withPayload(record.value());
                for (Header header : record.headers()) {
                    message.setHeader(header.key(), header.value());
                }
                messages.add(message.build());
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    // the live consumer sent what can never be read to the dead-letter topic long ago; it holds
                    // nothing to rebuild
                    dispatch.dispatch(topic, messages, List.of(generation)).forEach((index, reason) -> {
                        var record = records.get(index);
                        log.warn(
                                "skipping unreadable record {}-{}@{}: {}",
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                reason);
                    });
                    return;
                } catch (ConcurrentProjectionUpdateException e) {
                    // the live consumer kept moving an aggregate of the new generation; applying the batch again
                    // skips what is applied by now
                    if (attempt == ATTEMPTS) {
                        throw e;
                    }
                }
            }
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
