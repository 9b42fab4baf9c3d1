package io.stageflow.deal.pipelines;

import java.util.List;

/** What a person defines about a pipeline: its name, kind, ordered stages and the reasons a deal can be lost. */
public record PipelineDefinition(String name, PipelineKind kind, List<Stage> stages, List<String> lostReasons) {

    public PipelineDefinition {
        stages = stages == null ? List.of() : List.copyOf(stages);
        lostReasons = lostReasons == null ? List.of() : List.copyOf(lostReasons);
    }
}
