package io.stageflow.deal.messaging;

import io.stageflow.deal.deals.DealManagement;
import io.stageflow.events.CloudEventHeaders;
import io.stageflow.events.Topics;
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
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.messaging.Message;

/**
 * Binding {@code leadEvents-in-0}: topic lead-events, group deal-service. A converted lead becomes a deal in
 * the requested pipeline's first open stage, exactly once (the deal id travels with the event); every other
 * lead event is none of deal-service's business and is passed over unread. A {@code lead.converted}, or a record
 * without a type, that cannot be read goes to lead-events.dlq (analytics-service, which reads every lead event,
 * dead-letters the others).
 */
@Configuration(proxyBeanMethods = false)
class LeadConversionConsumer {

    private static final EventTypeRegistry<LeadEvent> LEAD_EVENTS = EventTypeRegistry.of(LeadEvent.class);
    private static final byte[] CONVERTED =
            EventTypeRegistry.typeOf(LeadConverted.class).getBytes(StandardCharsets.UTF_8);

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

    /**
     * Passes over every lead event but {@code lead.converted} by its type header, before the binder converts,
     * observes and hands it on: at intake rates that per-record work cost deal-service almost half a core for
     * records it ignores. A record without a type header still reaches the consumer, which dead-letters it.
     */
    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> onlyConversionsReachDealService() {
        return (container, destination, group) -> {
            if (Topics.LEAD_EVENTS.equals(destination)) {
                ((AbstractMessageListenerContainer) container)
                        .setRecordInterceptor(
                                (record, consumer) -> concernsDeals((ConsumerRecord<?, ?>) record) ? record : null);
            }
        };
    }

    static boolean concernsDeals(ConsumerRecord<?, ?> record) {
        Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
        return type == null || Arrays.equals(type.value(), CONVERTED);
    }
}
