package io.stageflow.lead.messaging;

import io.stageflow.events.intake.LeadIntakeEvent;
import io.stageflow.lead.intake.IntakeMapping;
import io.stageflow.lead.intake.IntakeOutcome;
import io.stageflow.lead.intake.LeadIntake;
import io.stageflow.platform.messaging.CloudEventCodec;
import io.stageflow.platform.messaging.EventTypeRegistry;
import io.stageflow.platform.messaging.IncomingEvent;
import io.stageflow.platform.messaging.PoisonEventException;
import io.stageflow.platform.web.FieldError;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binding {@code leadIntakeEvents-in-0}: {@code lead.captured} from marketing automation on {@code lead-intake}.
 * A record that cannot be read, or whose lead fails validation, is poison: it goes to
 * {@code lead-intake.dlq} with the reason in the {@code x-exception-message} header, and the next record
 * is processed.
 */
@Configuration(proxyBeanMethods = false)
class LeadIntakeConsumer {

    private static final EventTypeRegistry<LeadIntakeEvent> INTAKE = EventTypeRegistry.of(LeadIntakeEvent.class);

    @Bean
    Consumer<Message<byte[]>> leadIntakeEvents(CloudEventCodec codec, LeadIntake intake, Clock clock) {
        return message -> {
            IncomingEvent<LeadIntakeEvent> event = codec.read(message, INTAKE);
            var draft = switch (event.data()) {
                case io.stageflow.events.intake.LeadCaptured captured ->
                    switch (IntakeMapping.toDraft(captured, "event:" + event.id(), clock.instant())) {
                        case IntakeMapping.Mapped.Draft mapped -> mapped.draft();
                        case IntakeMapping.Mapped.Invalid invalid -> throw rejected(event, invalid.errors());
                    };
            };
            IntakeOutcome outcome =
                    intake.capture(event.tenantId(), List.of(draft)).getFirst();
            if (outcome.result() == IntakeOutcome.Result.REJECTED) {
                throw rejected(event, outcome.errors());
            }
        };
    }

    private static PoisonEventException rejected(IncomingEvent<?> event, List<FieldError> errors) {
        return new PoisonEventException(event.type() + " " + event.id() + " rejected: "
                + errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")));
    }
}
