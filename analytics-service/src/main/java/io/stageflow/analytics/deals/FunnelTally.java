package io.stageflow.analytics.deals;

/**
 * Counts one deal at a time into a funnel as of any instant and over any period, so that a pipeline's deals can
 * stream through it without being held in memory: the shares of {@link DealTally} summed as they come.
 */
final class FunnelTally {

    private final String pipelineId;
    private final PipelineDefinition.Version pipeline;
    private final DealQuery query;
    private final DealTally sum = new DealTally();

    FunnelTally(String pipelineId, PipelineDefinition.Version pipeline, DealQuery query) {
        this.pipelineId = pipelineId;
        this.pipeline = pipeline;
        this.query = query;
    }

    void add(DealHistory deal) {
        if (query.createdInPeriod(deal.createdAt())) {
            sum.add(DealTally.of(deal, pipeline, query.asOf()));
        }
    }

    DealFunnel result() {
        return sum.funnel(pipelineId, pipeline, query);
    }
}
