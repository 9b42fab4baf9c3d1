package io.stageflow.deal.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.stageflow.events.deal.DealCreated;
import io.stageflow.events.deal.DealEvent;
import io.stageflow.events.deal.DealLost;
import io.stageflow.events.deal.DealReopened;
import io.stageflow.events.deal.DealUpdated;
import io.stageflow.events.deal.DealWon;
import io.stageflow.events.deal.PipelineDefined;
import io.stageflow.events.deal.StageChanged;
import io.stageflow.platform.metrics.EventMeters;
import org.springframework.stereotype.Component;

/** Deals created, moved, won, lost and reopened per pipeline ({@code stageflow.deals.*}); no deal or person in a tag. */
@Component
class DealEventMeters implements EventMeters {

    @Override
    public void count(Object event, MeterRegistry meters) {
        if (!(event instanceof DealEvent deal)) {
            return;
        }
        switch (deal) {
            case DealCreated created -> count(meters, "stageflow.deals.opened", created.pipelineId());
            case StageChanged moved -> count(meters, "stageflow.deals.moved", moved.pipelineId());
            case DealWon won -> count(meters, "stageflow.deals.won", won.pipelineId());
            case DealLost lost -> count(meters, "stageflow.deals.lost", lost.pipelineId());
            case DealReopened reopened -> count(meters, "stageflow.deals.reopened", reopened.pipelineId());
            case DealUpdated updated -> {}
            case PipelineDefined defined -> {}
        }
    }

    private static void count(MeterRegistry meters, String name, String pipelineId) {
        meters.counter(name, "pipeline", pipelineId).increment();
    }
}
