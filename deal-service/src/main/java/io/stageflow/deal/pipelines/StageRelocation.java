package io.stageflow.deal.pipelines;

import java.util.Map;

/**
 * What a pipeline change needs to know about the deals in its stages, and the moves a stage removal causes.
 * Implemented where deals live, so pipelines do not depend on deals.
 */
public interface StageRelocation {

    /** How many deals (open or closed) each stage of the pipeline holds now. */
    Map<String, Long> dealsPerStage(String tenantId, String pipelineId);

    /**
     * Moves the deals of every removed stage to its target, then forgets the pending moves.
     *
     * @return the pipeline as stored afterwards
     */
    Pipeline finish(Pipeline pipeline);
}
