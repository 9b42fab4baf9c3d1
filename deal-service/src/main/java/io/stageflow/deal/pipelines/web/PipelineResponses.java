package io.stageflow.deal.pipelines.web;

import io.stageflow.deal.pipelines.Pipeline;
import io.stageflow.deal.pipelines.PipelineKind;
import io.stageflow.deal.pipelines.Stage;
import java.time.Instant;
import java.util.List;

final class PipelineResponses {

    private PipelineResponses() {}

    record PipelineBody(
            String id,
            String name,
            PipelineKind kind,
            List<Stage> stages,
            List<String> lostReasons,
            long revision,
            Instant createdAt,
            Instant updatedAt,
            long version) {

        static PipelineBody of(Pipeline pipeline) {
            return new PipelineBody(
                    pipeline.id(),
                    pipeline.name(),
                    pipeline.kind(),
                    pipeline.stages(),
                    pipeline.lostReasons(),
                    pipeline.revision(),
                    pipeline.createdAt(),
                    pipeline.updatedAt(),
                    pipeline.version());
        }
    }

    record PipelineList(List<PipelineBody> items, String nextCursor) {}
}
