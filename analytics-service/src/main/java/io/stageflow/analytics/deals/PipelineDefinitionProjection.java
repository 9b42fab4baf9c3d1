package io.stageflow.analytics.deals;

import io.stageflow.analytics.sequencing.FoldingProjection;
import io.stageflow.analytics.sequencing.Generation;
import io.stageflow.analytics.sequencing.SequencedDocuments;
import io.stageflow.events.deal.DealCreated;
import io.stageflow.events.deal.DealEvent;
import io.stageflow.events.deal.DealLost;
import io.stageflow.events.deal.DealReopened;
import io.stageflow.events.deal.DealUpdated;
import io.stageflow.events.deal.DealWon;
import io.stageflow.events.deal.PipelineDefined;
import io.stageflow.events.deal.StageChanged;
import io.stageflow.platform.messaging.IncomingEvent;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Keeps every published version of each pipeline; the aggregate is the pipeline. */
@Component
class PipelineDefinitionProjection
        implements FoldingProjection<DealEvent, PipelineDefinition>, SmartInitializingSingleton {

    private final MongoTemplate mongo;
    private final SequencedDocuments documents;

    PipelineDefinitionProjection(MongoTemplate mongo, SequencedDocuments documents) {
        this.mongo = mongo;
        this.documents = documents;
    }

    @Override
    public void afterSingletonsInstantiated() {
        documents.ensureGuardIndex(PipelineDefinition.class);
    }

    @Override
    public String name() {
        return "pipeline-definitions";
    }

    /** Exhaustive on purpose: whoever adds a deal event type decides here whether it belongs to the pipeline. */
    @Override
    public boolean handles(IncomingEvent<DealEvent> event) {
        return switch (event.data()) {
            case PipelineDefined defined -> true;
            case DealCreated created -> false;
            case StageChanged changed -> false;
            case DealWon won -> false;
            case DealLost lost -> false;
            case DealReopened reopened -> false;
            case DealUpdated updated -> false;
        };
    }

    @Override
    public List<Class<?>> documentTypes() {
        return List.of(PipelineDefinition.class);
    }

    @Override
    public long appliedSequence(IncomingEvent<DealEvent> event, Generation generation) {
        PipelineDefinition pipeline = find(event, generation);
        return pipeline == null ? 0 : pipeline.sequence();
    }

    @Override
    public void apply(IncomingEvent<DealEvent> event, Generation generation) {
        PipelineDefinition next = fold(event.sequence() == 1 ? null : find(event, generation), event);
        documents.replace(name(), next.id(), event.sequence(), next, generation);
    }

    @Override
    public Class<PipelineDefinition> documentType() {
        return PipelineDefinition.class;
    }

    @Override
    public String documentId(IncomingEvent<DealEvent> event) {
        return PipelineDefinition.idOf(event.tenantId(), event.subject());
    }

    @Override
    public String documentId(PipelineDefinition pipeline) {
        return pipeline.id();
    }

    @Override
    public long sequenceOf(PipelineDefinition pipeline) {
        return pipeline.sequence();
    }

    @Override
    public PipelineDefinition fold(PipelineDefinition current, IncomingEvent<DealEvent> event) {
        var defined = (PipelineDefined) event.data();
        return current == null
                ? PipelineDefinition.defined(event.tenantId(), defined, event.sequence())
                : current.then(defined, event.sequence());
    }

    private PipelineDefinition find(IncomingEvent<DealEvent> event, Generation generation) {
        return mongo.findById(
                PipelineDefinition.idOf(event.tenantId(), event.subject()),
                PipelineDefinition.class,
                documents.collection(PipelineDefinition.class, generation));
    }
}
