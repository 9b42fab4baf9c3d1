package io.stageflow.analytics.messaging;

import io.stageflow.analytics.sequencing.BatchDelivery;
import io.stageflow.analytics.sequencing.BatchDelivery.Received;
import io.stageflow.analytics.sequencing.FoldingProjection;
import io.stageflow.analytics.sequencing.Generation;
import io.stageflow.analytics.sequencing.InOrderDelivery;
import io.stageflow.analytics.sequencing.SequencedProjection;
import io.stageflow.events.Topics;
import io.stageflow.events.deal.DealEvent;
import io.stageflow.events.lead.LeadEvent;
import io.stageflow.events.survey.SurveyEvent;
import io.stageflow.platform.messaging.EventTypeRegistry;
import io.stageflow.platform.messaging.PoisonEventException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Hands the records of one of the projection topics to every projection of its stream, in the generations asked for,
 * a batch at a time. The live consumers and a rebuild's replay both go through here, so both apply events the same
 * way.
 */
@Component
class ProjectionDispatch {

    /** The topics the projections are built from. */
    static final List<String> TOPICS = List.of(Topics.LEAD_EVENTS, Topics.DEAL_EVENTS, Topics.SURVEY_EVENTS);

    private static final EventTypeRegistry<LeadEvent> LEAD_EVENTS = EventTypeRegistry.of(LeadEvent.class);
    private static final EventTypeRegistry<DealEvent> DEAL_EVENTS = EventTypeRegistry.of(DealEvent.class);
    private static final EventTypeRegistry<SurveyEvent> SURVEY_EVENTS = EventTypeRegistry.of(SurveyEvent.class);

    private final InOrderDelivery delivery;
    private final BatchDelivery batches;
    private final List<SequencedProjection<LeadEvent>> leads;
    private final List<SequencedProjection<DealEvent>> deals;
    private final List<SequencedProjection<SurveyEvent>> surveys;

    ProjectionDispatch(
            InOrderDelivery delivery,
            BatchDelivery batches,
            List<SequencedProjection<LeadEvent>> leads,
            List<SequencedProjection<DealEvent>> deals,
            List<SequencedProjection<SurveyEvent>> surveys) {
        this.delivery = delivery;
        this.batches = batches;
        this.leads = leads;
        this.deals = deals;
        this.surveys = surveys;
    }

    /**
     * Applies the records of {@code topic}, in the order they came, to every projection of its stream in each of
     * {@code generations}.
     *
     * @return the records that can never be applied (poison) by their index, with the reason; all others are applied,
     *     skipped as duplicates or parked
     */
    Map<Integer, String> dispatch(String topic, List<Message<byte[]>> records, List<Generation> generations) {
        return switch (topic) {
            case Topics.LEAD_EVENTS -> deliver(records, LEAD_EVENTS, leads, generations);
            case Topics.DEAL_EVENTS -> deliver(records, DEAL_EVENTS, deals, generations);
            case Topics.SURVEY_EVENTS -> deliver(records, SURVEY_EVENTS, surveys, generations);
            default -> throw new IllegalArgumentException("no projection reads " + topic);
        };
    }

    /** Applies the events parked in {@code generation} whose predecessors have come meanwhile. */
    void applyReadyParked(Generation generation) {
        leads.forEach(projection -> delivery.applyReadyParked(LEAD_EVENTS, projection, generation));
        deals.forEach(projection -> delivery.applyReadyParked(DEAL_EVENTS, projection, generation));
        surveys.forEach(projection -> delivery.applyReadyParked(SURVEY_EVENTS, projection, generation));
    }

    private <E> Map<Integer, String> deliver(
            List<Message<byte[]>> records,
            EventTypeRegistry<E> registry,
            List<SequencedProjection<E>> projections,
            List<Generation> generations) {
        Map<Integer, String> poison = new TreeMap<>();
        List<Received<E>> batch = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                batch.add(new Received<>(i, delivery.read(records.get(i), registry), records.get(i)));
            } catch (PoisonEventException e) {
                poison.put(i, e.getMessage());
            }
        }
        for (Generation generation : generations) {
            for (SequencedProjection<E> projection : projections) {
                if (projection instanceof FoldingProjection<E, ?> folding) {
                    poison.putAll(batches.deliver(batch, registry, folding, generation));
                } else {
                    poison.putAll(oneAtATime(batch, registry, projection, generation));
                }
            }
        }
        return poison;
    }

    /** For projections that cannot fold in memory: each event through {@link InOrderDelivery}. */
    private <E> Map<Integer, String> oneAtATime(
            List<Received<E>> batch,
            EventTypeRegistry<E> registry,
            SequencedProjection<E> projection,
            Generation generation) {
        Map<Integer, String> poison = new TreeMap<>();
        for (Received<E> received : batch) {
            try {
                delivery.deliver(received.event(), received.message(), registry, projection, generation);
            } catch (PoisonEventException e) {
                poison.put(received.index(), e.getMessage());
            }
        }
        return poison;
    }
}
