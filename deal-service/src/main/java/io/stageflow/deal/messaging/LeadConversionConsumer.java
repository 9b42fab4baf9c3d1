package io.stageflow.deal.messaging;

import io.stageflow.deal.deals.DealManagement;
import io.stageflow.events.lead.LeadConverted;
import io.stageflow.events.lead.LeadCreated;
import io.stageflow.events.lead.LeadDisqualified;
import io.stageflow.events.lead.LeadErased;
import io.stageflow.events.lead.LeadEvent;
import io.stageflow.events.lead.LeadQualified;
import io.stageflow.events.lead.LeadUpdated;
import io.stageflow.platform.messaging.CloudEventCodec;
import io.stageflow.platform.messaging.EventTypeRegistry;
import io.stageflow.platform.messaging.IncomingEvent;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Binding {@code leadEvents-in-0}: topic lead-events, group deal-service. A converted lead becomes a deal in
 * the requested pipeline's first open stage, exactly once (the deal id travels with the event); every other
 * lead event is none of deal-service's business. Unreadable records go to lead-events.dlq.
 */
@Configuration(proxyBeanMethods = false)
class LeadConversionConsumer {

    private static final EventTypeRegistry<LeadEvent> LEAD_EVENTS = EventTypeRegistry.of(LeadEvent.class);

    @Bean
    Consumer<Message<byte[]>> leadEvents(CloudEventCodec codec, DealManagement deals) {
        return message -> {
            IncomingEvent<LeadEvent> event = codec.read(message, LEAD_EVENTS);
            switch (event.data()) {
                case LeadConverted converted -> deals.openFromConversion(event.tenantId(), converted);
                case LeadCreated ignored -> {}
                case LeadUpdated ignored -> {}
                case LeadQualified ignored -> {}
                case LeadDisqualified ignored -> {}
                case LeadErased ignored -> {}
            }
        };
    }
}
