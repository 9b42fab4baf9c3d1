package io.stageflow.analytics.messaging;

import io.stageflow.analytics.sequencing.ProjectionGenerations;
import io.stageflow.events.Topics;
import io.stageflow.platform.messaging.DeadLetters;
import io.stageflow.platform.messaging.DeadLetters.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The Kafka bindings: one consumer per topic, a batch of records (one poll) at a time, feeding every projection of
 * that stream in order; a batch is folded into one write per document it touches (ADR 0011). While a rebuild runs,
 * each batch goes to the serving generation and to the one being rebuilt, so that the rebuilt one misses nothing that
 * arrives meanwhile.
 *
 * <p>A record that can never be applied (poison: unreadable, or not the history its aggregate can have) goes to
 * {@code <topic>.dlq} with the reason in {@code x-exception-message}, and the rest of the batch is applied. Anything
 * else (the store is away) fails the whole batch, which is retried until it goes through: every write is guarded by
 * the sequence it follows, so applying a batch again changes nothing it already changed.
 */
@Configuration(proxyBeanMethods = false)
class EventConsumers {

    private static final Logger log = LoggerFactory.getLogger(EventConsumers.class);

    private static final Set<String> TOPICS = Set.copyOf(ProjectionDispatch.TOPICS);

    /** Binding {@code leadEvents-in-0}: topic lead-events, group analytics-service, dead letters to lead-events.dlq. */
    @Bean
    Consumer<Message<List<byte[]>>> leadEvents(
            ProjectionDispatch dispatch, ProjectionGenerations generations, DeadLetters deadLetters) {
        return batch -> consume(Topics.LEAD_EVENTS, batch, dispatch, generations, deadLetters);
    }

    /**
     * Binding {@code surveyEvents-in-0}: topic survey-events, group analytics-service, dead letters to
     * survey-events.dlq.
     */
    @Bean
    Consumer<Message<List<byte[]>>> surveyEvents(
            ProjectionDispatch dispatch, ProjectionGenerations generations, DeadLetters deadLetters) {
        return batch -> consume(Topics.SURVEY_EVENTS, batch, dispatch, generations, deadLetters);
    }

    /**
     * Binding {@code dealEvents-in-0}: topic deal-events, group analytics-service, dead letters to deal-events.dlq.
     * Pipelines and deals share the topic; each projection reads only its own aggregates.
     */
    @Bean
    Consumer<Message<List<byte[]>>> dealEvents(
            ProjectionDispatch dispatch, ProjectionGenerations generations, DeadLetters deadLetters) {
        return batch -> consume(Topics.DEAL_EVENTS, batch, dispatch, generations, deadLetters);
    }

    /** Failures other than poison records mean the store or broker is away: retry the batch until it is back. */
    @Bean
    ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> retryProjectionBatchesUntilTheyGoThrough() {
        return (container, destination, group) -> {
            if (TOPICS.contains(destination)) {
                var backOff = new ExponentialBackOff(200, 2);
                backOff.setMaxInterval(5_000);
                backOff.setMaxElapsedTime(Long.MAX_VALUE);
                container.setCommonErrorHandler(new DefaultErrorHandler(backOff));
            }
        };
    }

    private static void consume(
            String topic,
            Message<List<byte[]>> batch,
            ProjectionDispatch dispatch,
            ProjectionGenerations generations,
            DeadLetters deadLetters) {
        List<byte[]> payloads = batch.getPayload();
        List<Map<String, Object>> headers = perRecordHeaders(batch, payloads.size());
        List<?> keys = batch.getHeaders().get(KafkaHeaders.RECEIVED_KEY, List.class);
        List<Message<byte[]>> records = new ArrayList<>(payloads.size());
        List<Integer> positions = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            // a record without a body (a tombstone) holds no event; no producer writes one
            if (payloads.get(i) != null) {
                records.add(MessageBuilder.withPayload(payloads.get(i))
                        .copyHeaders(headers.get(i))
                        .build());
                positions.add(i);
            }
        }
        Map<Integer, String> poison = dispatch.dispatch(topic, records, generations.targets());
        if (!poison.isEmpty()) {
            List<DeadLetter> letters = new ArrayList<>();
            poison.forEach((index, reason) -> {
                int position = positions.get(index);
                log.warn("{} record {} of a batch is poison, to the dead-letter topic: {}", topic, position, reason);
                letters.add(new DeadLetter(
                        topic, key(keys, position), payloads.get(position), headers.get(position), reason));
            });
            deadLetters.send(letters);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> perRecordHeaders(Message<List<byte[]>> batch, int size) {
        Object converted = batch.getHeaders().get(KafkaHeaders.BATCH_CONVERTED_HEADERS);
        if (converted instanceof List<?> list && list.size() == size) {
            return (List<Map<String, Object>>) list;
        }
        throw new IllegalStateException("batch without per-record headers; is batch-mode on for the binding?");
    }

    private static String key(List<?> keys, int index) {
        Object key = keys == null ? null : keys.get(index);
        return key instanceof byte[] raw
                ? new String(raw, StandardCharsets.UTF_8)
                : key == null ? null : key.toString();
    }
}
