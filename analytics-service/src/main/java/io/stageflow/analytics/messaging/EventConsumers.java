package io.stageflow.analytics.messaging;

import io.stageflow.analytics.sequencing.InOrderDelivery;
import io.stageflow.analytics.sequencing.SequencedProjection;
import io.stageflow.events.deal.DealEvent;
import io.stageflow.events.lead.LeadEvent;
import io.stageflow.events.survey.SurveyEvent;
import io.stageflow.platform.messaging.EventTypeRegistry;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The Kafka bindings: one consumer per topic, feeding every projection of that stream in order. */
@Configuration(proxyBeanMethods = false)
class EventConsumers {

    private static final EventTypeRegistry<LeadEvent> LEAD_EVENTS = EventTypeRegistry.of(LeadEvent.class);

    private static final EventTypeRegistry<SurveyEvent> SURVEY_EVENTS = EventTypeRegistry.of(SurveyEvent.class);

    private static final EventTypeRegistry<DealEvent> DEAL_EVENTS = EventTypeRegistry.of(DealEvent.class);

    /** Binding {@code leadEvents-in-0}: topic lead-events, group analytics-service, dead letters to lead-events.dlq. */
    @Bean
    Consumer<Message<byte[]>> leadEvents(InOrderDelivery delivery, List<SequencedProjection<LeadEvent>> projections) {
        return message -> projections.forEach(projection -> delivery.deliver(message, LEAD_EVENTS, projection));
    }

    /**
     * Binding {@code surveyEvents-in-0}: topic survey-events, group analytics-service, dead letters to
     * survey-events.dlq.
     */
    @Bean
    Consumer<Message<byte[]>> surveyEvents(
            InOrderDelivery delivery, List<SequencedProjection<SurveyEvent>> projections) {
        return message -> projections.forEach(projection -> delivery.deliver(message, SURVEY_EVENTS, projection));
    }

    /**
     * Binding {@code dealEvents-in-0}: topic deal-events, group analytics-service, dead letters to deal-events.dlq.
     * Pipelines and deals share the topic; each projection reads only its own aggregates.
     */
    @Bean
    Consumer<Message<byte[]>> dealEvents(InOrderDelivery delivery, List<SequencedProjection<DealEvent>> projections) {
        return message -> projections.forEach(projection -> delivery.deliver(message, DEAL_EVENTS, projection));
    }
}
