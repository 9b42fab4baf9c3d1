package io.stageflow.deal.pipelines.web;

import io.stageflow.deal.pipelines.Pipeline;
import io.stageflow.deal.pipelines.PipelineManagement;
import io.stageflow.deal.pipelines.web.PipelineRequests.DefinePipeline;
import io.stageflow.deal.pipelines.web.PipelineRequests.RedefinePipeline;
import io.stageflow.deal.pipelines.web.PipelineResponses.PipelineBody;
import io.stageflow.deal.pipelines.web.PipelineResponses.PipelineList;
import io.stageflow.platform.security.Caller;
import io.stageflow.platform.web.IfMatch;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/pipelines")
class PipelineController {

    private final PipelineManagement pipelines;

    PipelineController(PipelineManagement pipelines) {
        this.pipelines = pipelines;
    }

    @PostMapping
    ResponseEntity<PipelineBody> create(Caller caller, @Valid @RequestBody DefinePipeline request) {
        Pipeline pipeline = pipelines.create(caller.tenantId(), request.toDefinition());
        return ResponseEntity.created(URI.create("/api/v1/pipelines/" + pipeline.id()))
                .eTag(IfMatch.etag(pipeline.version()))
                .body(PipelineBody.of(pipeline));
    }

    /** A tenant has a handful of pipelines: one page holds them all. */
    @GetMapping
    PipelineList list(Caller caller) {
        return new PipelineList(
                pipelines.list(caller.tenantId()).stream().map(PipelineBody::of).toList(), null);
    }

    @GetMapping("/{id}")
    ResponseEntity<PipelineBody> get(Caller caller, @PathVariable String id) {
        return withETag(pipelines.get(caller.tenantId(), id));
    }

    @PutMapping("/{id}")
    ResponseEntity<PipelineBody> redefine(
            Caller caller,
            @PathVariable String id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody RedefinePipeline request) {
        return withETag(pipelines.redefine(
                caller.tenantId(), id, IfMatch.expectedVersion(ifMatch), request.toDefinition(), request.moves()));
    }

    private static ResponseEntity<PipelineBody> withETag(Pipeline pipeline) {
        return ResponseEntity.ok().eTag(IfMatch.etag(pipeline.version())).body(PipelineBody.of(pipeline));
    }
}
