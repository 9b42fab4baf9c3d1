package io.stageflow.analytics.deals;

/** Counts one deal at a time into a pipeline's forecast as of any instant: the shares of {@link DealTally} summed. */
final class ForecastTally {

    private final String pipelineId;
    private final PipelineDefinition.Version pipeline;
    private final DealQuery query;
    private final DealTally sum = new DealTally();

    ForecastTally(String pipelineId, PipelineDefinition.Version pipeline, DealQuery query) {
        this.pipelineId = pipelineId;
        this.pipeline = pipeline;
        this.query = query;
    }

    void add(DealHistory deal) {
        sum.add(DealTally.of(deal, pipeline, query.asOf()));
    }

    DealForecast result() {
        return sum.forecast(pipelineId, pipeline, query);
    }
}
