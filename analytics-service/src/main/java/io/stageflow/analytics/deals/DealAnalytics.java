package io.stageflow.analytics.deals;

import io.stageflow.platform.web.ResourceNotFoundException;
import org.springframework.stereotype.Component;

/**
 * The use cases behind the deal analytics endpoints: find the tenant's pipeline and the version in effect at the
 * asked instant, then stream its deals through one tally.
 */
@Component
class DealAnalytics {

    private final DealAnalyticsStore store;

    DealAnalytics(DealAnalyticsStore store) {
        this.store = store;
    }

    DealFunnel funnel(String tenantId, DealQuery query) {
        var tally = new FunnelTally(query.pipelineId(), version(tenantId, query), query);
        store.forEachDeal(tenantId, query.pipelineId(), tally::add);
        return tally.result();
    }

    SalesVelocity velocity(String tenantId, DealQuery query) {
        var tally = new VelocityTally(query.pipelineId(), version(tenantId, query), query);
        store.forEachDeal(tenantId, query.pipelineId(), tally::add);
        return tally.result();
    }

    DealForecast forecast(String tenantId, DealQuery query) {
        var tally = new ForecastTally(query.pipelineId(), version(tenantId, query), query);
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
