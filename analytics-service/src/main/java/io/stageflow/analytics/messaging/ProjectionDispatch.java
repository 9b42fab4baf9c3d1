package io.stageflow.analytics.messaging;

import io.stageflow.analytics.sequencing.Generation;
import io.stageflow.analytics.sequencing.InOrderDelivery;
import io.stageflow.analytics.sequencing.SequencedProjection;
import io.stageflow.events.Topics;
import io.stageflow.events.deal.DealEvent;
import io.stageflow.events.lead.LeadEvent;
import io.stageflow.events.survey.SurveyEvent;
import io.stageflow.platform.messaging.EventTypeRegistry;
import java.util.List;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Hands a record of one of the projection topics to every projection of its stream, in the generations asked for.
 * The live consumers and a rebuild's replay both go through here, so both apply events the same way.
 */
@Component
class ProjectionDispatch {

    /** The topics the projections are built from. */
    static final List<String> TOPICS = List.of(Topics.LEAD_EVENTS, Topics.DEAL_EVENTS, Topics.SURVEY_EVENTS);

    private static final EventTypeRegistry<LeadEvent> LEAD_EVENTS = EventTypeRegistry.of(LeadEvent.class);
    private static final EventTypeRegistry<DealEvent> DEAL_EVENTS = EventTypeRegistry.of(DealEvent.class);
    private static final EventTypeRegistry<SurveyEvent> SURVEY_EVENTS = EventTypeRegistry.of(SurveyEvent.class);

    private final InOrderDelivery delivery;
    private final List<SequencedProjection<LeadEvent>> leads;
    private final List<SequencedProjection<DealEvent>> deals;
    private final List<SequencedProjection<SurveyEvent>> surveys;

    ProjectionDispatch(
            InOrderDelivery delivery,
            List<SequencedProjection<LeadEvent>> leads,
            List<SequencedProjection<DealEvent>> deals,
            List<SequencedProjection<SurveyEvent>> surveys) {
        this.delivery = delivery;
        this.leads = leads;
        this.deals = deals;
        this.surveys = surveys;
    }

    void dispatch(String topic, Message<byte[]> message, List<Generation> generations) {
        switch (topic) {
            case Topics.LEAD_EVENTS -> deliver(message, LEAD_EVENTS, leads, generations);
            case Topics.DEAL_EVENTS -> deliver(message, DEAL_EVENTS, deals, generations);
            case Topics.SURVEY_EVENTS -> deliver(message, SURVEY_EVENTS, surveys, generations);
            default -> throw new IllegalArgumentException("no projection reads " + topic);
        }
    }

    /** Applies the events parked in {@code generation} whose predecessors have come meanwhile. */
    void applyReadyParked(Generation generation) {
        leads.forEach(projection -> delivery.applyReadyParked(LEAD_EVENTS, projection, generation));
        deals.forEach(projection -> delivery.applyReadyParked(DEAL_EVENTS, projection, generation));
        surveys.forEach(projection -> delivery.applyReadyParked(SURVEY_EVENTS, projection, generation));
    }

    private <E> void deliver(
            Message<byte[]> message,
            EventTypeRegistry<E> registry,
            List<SequencedProjection<E>> projections,
            List<Generation> generations) {
        for (Generation generation : generations) {
            for (SequencedProjection<E> projection : projections) {
                delivery.deliver(message, registry, projection, generation);
            }
        }
    }
}
