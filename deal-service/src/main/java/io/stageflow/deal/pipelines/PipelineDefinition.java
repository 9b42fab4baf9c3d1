package io.stageflow.deal.pipelines;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What a person defines about a pipeline: its name, kind, ordered stages and the reasons a deal can be lost. */
public record PipelineDefinition(String name, PipelineKind kind, List<Stage> stages, List<String> lostReasons) {

    public PipelineDefinition {
        // nulls stay in, so validation can name them ("stages[2] must be a stage") instead of failing here
        stages = stages == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(stages));
        lostReasons = lostReasons == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(lostReasons));
    }
}
