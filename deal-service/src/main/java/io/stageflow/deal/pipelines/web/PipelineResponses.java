package io.stageflow.deal.pipelines.web;

import io.stageflow.deal.pipelines.Pipeline;
import io.stageflow.deal.pipelines.PipelineKind;
import io.stageflow.deal.pipelines.web.PipelineRequests.StageBody;
import java.time.Instant;
import java.util.List;

final class PipelineResponses {

    private PipelineResponses() {}

    /** Stages are written as a PUT reads them, so a client can GET, change and PUT a pipeline back. */
    record PipelineBody(
            String id,
            String name,
            PipelineKind kind,
            List<StageBody> stages,
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
                    pipeline.stages().stream().map(StageBody::of).toList(),
                    pipeline.lostReasons(),
                    pipeline.revision(),
                    pipeline.createdAt(),
                    pipeline.updatedAt(),
                    pipeline.version());
        }
    }

    record PipelineList(List<PipelineBody> items, String nextCursor) {}
}
