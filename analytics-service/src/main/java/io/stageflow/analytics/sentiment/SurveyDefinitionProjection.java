package io.stageflow.analytics.sentiment;

import io.stageflow.analytics.sequencing.FoldingProjection;
import io.stageflow.analytics.sequencing.Generation;
import io.stageflow.analytics.sequencing.SequencedDocuments;
import io.stageflow.events.survey.SurveyEvent;
import io.stageflow.events.survey.SurveyPublished;
import io.stageflow.platform.messaging.IncomingEvent;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Keeps the newest published version of each survey; the aggregate is the survey. */
@Component
class SurveyDefinitionProjection
        implements FoldingProjection<SurveyEvent, SurveyDefinition>, SmartInitializingSingleton {

    private final MongoTemplate mongo;
    private final SequencedDocuments documents;

    SurveyDefinitionProjection(MongoTemplate mongo, SequencedDocuments documents) {
        this.mongo = mongo;
        this.documents = documents;
    }

    @Override
    public void afterSingletonsInstantiated() {
        documents.ensureGuardIndex(SurveyDefinition.class);
    }

    @Override
    public String name() {
        return "survey-definitions";
    }

    @Override
    public boolean handles(IncomingEvent<SurveyEvent> event) {
        return event.data() instanceof SurveyPublished;
    }

    @Override
    public List<Class<?>> documentTypes() {
        return List.of(SurveyDefinition.class);
    }

    @Override
    public long appliedSequence(IncomingEvent<SurveyEvent> event, Generation generation) {
        SurveyDefinition survey = mongo.findById(
                SurveyDefinition.idOf(event.tenantId(), event.subject()),
                SurveyDefinition.class,
                documents.collection(SurveyDefinition.class, generation));
        return survey == null ? 0 : survey.sequence();
    }

    @Override
    public void apply(IncomingEvent<SurveyEvent> event, Generation generation) {
        documents.replace(name(), documentId(event), event.sequence(), fold(null, event), generation);
    }

    @Override
    public Class<SurveyDefinition> documentType() {
        return SurveyDefinition.class;
    }

    @Override
    public String documentId(IncomingEvent<SurveyEvent> event) {
        return SurveyDefinition.idOf(event.tenantId(), event.subject());
    }

    @Override
    public String documentId(SurveyDefinition survey) {
        return survey.id();
    }

    @Override
    public long sequenceOf(SurveyDefinition survey) {
        return survey.sequence();
    }

    /** The newest published version replaces whatever was before. */
    @Override
    public SurveyDefinition fold(SurveyDefinition current, IncomingEvent<SurveyEvent> event) {
        return SurveyDefinition.of(event.tenantId(), (SurveyPublished) event.data(), event.sequence());
    }
}
