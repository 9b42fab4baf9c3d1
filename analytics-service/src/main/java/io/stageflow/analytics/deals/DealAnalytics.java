package io.stageflow.analytics.deals;

import io.stageflow.platform.web.ResourceNotFoundException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The use cases behind the deal analytics endpoints: find the tenant's pipeline and the version in effect at the
 * asked instant, then answer funnel and forecast from the pipeline's stored tally when it can answer exactly (whole
 * pipeline, that version, an instant at or after everything it counted: ADR 0014), and otherwise stream the deals
 * through a tally made for the question.
 */
@Component
class DealAnalytics {

    private final DealAnalyticsStore store;

    DealAnalytics(DealAnalyticsStore store) {
        this.store = store;
    }

    DealFunnel funnel(String tenantId, DealQuery query) {
        PipelineDefinition.Version version = version(tenantId, query);
        if (query.from() == null && query.to() == null) {
            Optional<DealTally> counted = store.tally(tenantId, query.pipelineId(), version, query.asOf());
            if (counted.isPresent()) {
                return counted.get().funnel(query.pipelineId(), version, query);
            }
        }
        var tally = new FunnelTally(query.pipelineId(), version, query);
        store.forEachDeal(tenantId, query.pipelineId(), tally::add);
        return tally.result();
    }

    SalesVelocity velocity(String tenantId, DealQuery query) {
        var tally = new VelocityTally(query.pipelineId(), version(tenantId, query), query);
        store.forEachDeal(tenantId, query.pipelineId(), tally::add);
        return tally.result();
    }

    DealForecast forecast(String tenantId, DealQuery query) {
        PipelineDefinition.Version version = version(tenantId, query);
        Optional<DealTally> counted = store.tally(tenantId, query.pipelineId(), version, query.asOf());
        if (counted.isPresent()) {
            return counted.get().forecast(query.pipelineId(), version, query);
        }
        var tally = new ForecastTally(query.pipelineId(), version, query);
        store.forEachDeal(tenantId, query.pipelineId(), tally::add);
        return tally.result();
    }

    /** 404 for a pipeline the tenant does not have, whether it does not exist or is another tenant's. */
    private PipelineDefinition.Version version(String tenantId, DealQuery query) {
        return store.pipeline(tenantId, query.pipelineId())
                .orElseThrow(() -> new ResourceNotFoundException("pipeline", query.pipelineId()))
                .inEffectAt(query.asOf());
    }
}
