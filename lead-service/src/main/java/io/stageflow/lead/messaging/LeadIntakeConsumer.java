package io.stageflow.lead.messaging;

import io.stageflow.events.Topics;
import io.stageflow.events.intake.LeadCaptured;
import io.stageflow.events.intake.LeadIntakeEvent;
import io.stageflow.lead.intake.IntakeMapping;
import io.stageflow.lead.intake.IntakeOutcome;
import io.stageflow.lead.intake.LeadIntake;
import io.stageflow.lead.leads.LeadDraft;
import io.stageflow.platform.messaging.CloudEventCodec;
import io.stageflow.platform.messaging.DeadLetters;
import io.stageflow.platform.messaging.DeadLetters.DeadLetter;
import io.stageflow.platform.messaging.EventTypeRegistry;
import io.stageflow.platform.messaging.IncomingEvent;
import io.stageflow.platform.messaging.PoisonEventException;
import io.stageflow.platform.web.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
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
 * Binding {@code leadIntakeEvents-in-0}: {@code lead.captured} from marketing automation on
 * {@code lead-intake}, a batch of records at a time so intake can read and write the store in bulk. A
 * record that cannot be read, or whose lead fails validation, goes to {@code lead-intake.dlq} with the
 * reason in {@code x-exception-message}; the rest of the batch is processed. Anything else (the store is
 * away) fails the whole batch, which is retried until it succeeds: intake is idempotent by event id, so
 * the retry counts nothing twice.
 */
@Configuration(proxyBeanMethods = false)
class LeadIntakeConsumer {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LeadIntakeConsumer.class);
    private static final EventTypeRegistry<LeadIntakeEvent> INTAKE = EventTypeRegistry.of(LeadIntakeEvent.class);

    @Bean
    Consumer<Message<List<byte[]>>> leadIntakeEvents(
            CloudEventCodec codec, LeadIntake intake, DeadLetters deadLetters, Clock clock) {
        return batch -> {
            List<byte[]> payloads = batch.getPayload();
            log.debug(
                    "lead-intake batch of {} record(s), headers {}",
                    payloads.size(),
                    batch.getHeaders().keySet());
            List<Map<String, Object>> headers = perRecordHeaders(batch, payloads.size());
            List<?> keys = batch.getHeaders().get(KafkaHeaders.RECEIVED_KEY, List.class);
            Map<String, List<Integer>> indexesByTenant = new LinkedHashMap<>();
            Map<Integer, LeadDraft> drafts = new LinkedHashMap<>();
            Map<Integer, String> rejected = new LinkedHashMap<>();
            for (int i = 0; i < payloads.size(); i++) {
                try {
                    Message<byte[]> record = MessageBuilder.withPayload(payloads.get(i))
                            .copyHeaders(headers.get(i))
                            .build();
                    IncomingEvent<LeadIntakeEvent> event = codec.read(record, INTAKE);
                    switch (event.data()) {
                        case LeadCaptured captured -> {
                            switch (IntakeMapping.toDraft(captured, "event:" + event.id(), clock.instant())) {
                                case IntakeMapping.Mapped.Draft mapped -> {
                                    drafts.put(i, mapped.draft());
                                    indexesByTenant
                                            .computeIfAbsent(event.tenantId(), t -> new ArrayList<>())
                                            .add(i);
                                }
                                case IntakeMapping.Mapped.Invalid invalid ->
                                    rejected.put(i, reason(event, invalid.errors()));
                            }
                        }
                    }
                } catch (PoisonEventException poison) {
                    rejected.put(i, poison.getMessage());
                }
            }
            for (var tenant : indexesByTenant.entrySet()) {
                List<Integer> indexes = tenant.getValue();
                List<IntakeOutcome> outcomes = intake.capture(
                        tenant.getKey(), indexes.stream().map(drafts::get).toList());
                for (int d = 0; d < outcomes.size(); d++) {
                    if (outcomes.get(d).result() == IntakeOutcome.Result.REJECTED) {
                        rejected.put(
                                indexes.get(d),
                                "lead rejected: " + describe(outcomes.get(d).errors()));
                    }
                }
            }
            if (!rejected.isEmpty()) {
                deadLetters.send(rejected.entrySet().stream()
                        .map(r -> new DeadLetter(
                                Topics.LEAD_INTAKE,
                                key(keys, r.getKey()),
                                payloads.get(r.getKey()),
                                headers.get(r.getKey()),
                                r.getValue()))
                        .toList());
            }
        };
    }

    /** Failures other than poison records mean the store or broker is away: retry the batch until it is back. */
    @Bean
    ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> retryIntakeBatchesUntilTheyGoThrough() {
        return (container, destination, group) -> {
            if (Topics.LEAD_INTAKE.equals(destination)) {
                var backOff = new ExponentialBackOff(200, 2);
                backOff.setMaxInterval(10_000);
                backOff.setMaxElapsedTime(Long.MAX_VALUE);
                container.setCommonErrorHandler(new DefaultErrorHandler(backOff));
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> perRecordHeaders(Message<List<byte[]>> batch, int size) {
        Object converted = batch.getHeaders().get(KafkaHeaders.BATCH_CONVERTED_HEADERS);
        if (converted instanceof List<?> list && list.size() == size) {
            return (List<Map<String, Object>>) list;
        }
        throw new IllegalStateException(
                "batch without per-record headers; is batch-mode on for leadIntakeEvents-in-0?");
    }

    private static String key(List<?> keys, int index) {
        Object key = keys == null ? null : keys.get(index);
        return key instanceof byte[] raw
                ? new String(raw, StandardCharsets.UTF_8)
                : key == null ? null : key.toString();
    }

    private static String reason(IncomingEvent<?> event, List<FieldError> errors) {
        return event.type() + " " + event.id() + " rejected: " + describe(errors);
    }

    private static String describe(List<FieldError> errors) {
        return errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; "));
    }
}
