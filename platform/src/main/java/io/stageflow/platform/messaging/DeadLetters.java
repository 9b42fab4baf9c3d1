package io.stageflow.platform.messaging;

import io.stageflow.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends records a batch consumer cannot process to {@code <topic>.dlq}, unchanged, with the reason in the
 * same headers the binder's own dead-lettering writes ({@code x-exception-message}, {@code x-original-topic}).
 */
public class DeadLetters {

    public static final String REASON = "x-exception-message";
    public static final String ORIGINAL_TOPIC = "x-original-topic";

    private final KafkaTemplate<String, byte[]> kafka;

    public DeadLetters(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    /** A record to dead-letter: its key, body and headers as received, and why. */
    public record DeadLetter(String topic, String key, byte[] value, Map<String, Object> headers, String reason) {}

    /** Sends all and waits until the broker has them. */
    public void send(List<DeadLetter> letters) {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (DeadLetter letter : letters) {
            var headers = new RecordHeaders();
            letter.headers().forEach((name, value) -> {
                if (value instanceof byte[] raw && !name.startsWith("kafka_")) {
                    headers.add(name, raw);
                }
            });
            headers.add(REASON, letter.reason().getBytes(StandardCharsets.UTF_8));
            headers.add(ORIGINAL_TOPIC, letter.topic().getBytes(StandardCharsets.UTF_8));
            sends.add(kafka.send(new ProducerRecord<>(
                    letter.topic() + Topics.DEAD_LETTER_SUFFIX, null, letter.key(), letter.value(), headers)));
        }
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not dead-letter " + letters.size() + " record(s)", e);
        }
    }
}
