package io.stageflow.deal.pipelines;

import io.stageflow.platform.messaging.EventIds;
import io.stageflow.platform.outbox.AggregateStore;
import io.stageflow.platform.web.IfMatch;
import io.stageflow.platform.web.ResourceNotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/** Pipeline use cases, always within the caller's tenant; every tenant has the default pipelines on first use. */
@Service
public class PipelineManagement {

    private final Pipelines pipelines;
    private final AggregateStore aggregates;
    private final StageRelocation relocation;
    private final Clock clock;
    /** Tenants whose default pipelines are known to exist, so first use is checked once per process. */
    private final Set<String> tenantsWithDefaults = ConcurrentHashMap.newKeySet();

    public PipelineManagement(Pipelines pipelines, AggregateStore aggregates, StageRelocation relocation, Clock clock) {
        this.pipelines = pipelines;
        this.aggregates = aggregates;
        this.relocation = relocation;
        this.clock = clock;
    }

    public Pipeline create(String tenantId, PipelineDefinition definition) {
        ensureDefaults(tenantId);
        return pipelines.insert(Pipeline.define(tenantId, EventIds.next(clock).toString(), definition, clock));
    }

    public List<Pipeline> list(String tenantId) {
        ensureDefaults(tenantId);
        return pipelines.findByTenantIdOrderByCreatedAtAsc(tenantId);
    }

    public Pipeline get(String tenantId, String id) {
        ensureDefaults(tenantId);
        return pipelines
                .findById(id)
                .filter(pipeline -> pipeline.tenantId().equals(tenantId))
                .orElseThrow(() -> new ResourceNotFoundException("Pipeline", id));
    }

    /**
     * Replaces a pipeline's definition. Deals in removed stages move to their targets after the pipeline is
     * saved (each move a normal stage change); a crash in between leaves the moves pending on the pipeline,
     * and {@link StageRelocation} finishes them.
     */
    public Pipeline redefine(
            String tenantId,
            String id,
            Long expectedVersion,
            PipelineDefinition definition,
            Map<String, String> moveDealsTo) {
        Pipeline pipeline = get(tenantId, id);
        IfMatch.check(expectedVersion, pipeline.version());
        Map<String, Long> dealsPerStage = relocation.dealsPerStage(tenantId, id);
        pipeline.redefine(definition, moveDealsTo, dealsPerStage, clock);
        if (pipeline.recordedEvents().isEmpty()) {
            return pipeline;
        }
        Pipeline saved = aggregates.save(pipeline);
        return relocation.finish(saved);
    }

    /** The default sales pipeline of the tenant, created if this is the tenant's first use. */
    public Pipeline defaultSalesPipeline(String tenantId) {
        ensureDefaults(tenantId);
        return pipelines
                .findById(DefaultPipelines.salesPipelineId(tenantId))
                .orElseThrow(() -> new ResourceNotFoundException("Pipeline", "default sales pipeline"));
    }

    private void ensureDefaults(String tenantId) {
        if (tenantsWithDefaults.contains(tenantId)) {
            return;
        }
        createIfMissing(tenantId, DefaultPipelines.salesPipelineId(tenantId), DefaultPipelines.SALES);
        createIfMissing(tenantId, DefaultPipelines.projectPipelineId(tenantId), DefaultPipelines.PROJECT);
        tenantsWithDefaults.add(tenantId);
    }

    private void createIfMissing(String tenantId, String id, PipelineDefinition definition) {
        if (pipelines.existsById(id)) {
            return;
        }
        try {
            pipelines.insert(Pipeline.define(tenantId, id, definition, clock));
        } catch (DuplicateKeyException createdMeanwhile) {
            // another request or instance created the same default pipeline: the same document
        }
    }
}
