package io.stageflow.analytics.sentiment;

import io.stageflow.analytics.sequencing.FoldingProjection;
import io.stageflow.analytics.sequencing.Generation;
import io.stageflow.analytics.sequencing.SequencedDocuments;
import io.stageflow.events.survey.OneOnOneHeld;
import io.stageflow.events.survey.SurveyAnswered;
import io.stageflow.events.survey.SurveyEvent;
import io.stageflow.events.survey.SurveyPublished;
import io.stageflow.events.survey.SurveyRunClosed;
import io.stageflow.events.survey.SurveyRunOpened;
import io.stageflow.platform.messaging.IncomingEvent;
import io.stageflow.platform.messaging.PoisonEventException;
import java.util.List;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Folds a run's events (opened, each answer, closed) into its {@link SurveyRun} and one {@link SurveyResponse}
 * per answer. The aggregate is the run: answers share its sequence, so each is applied exactly once.
 */
@Component
class SurveyRunProjection implements FoldingProjection<SurveyEvent, SurveyRun>, SmartInitializingSingleton {

    private final MongoTemplate mongo;
    private final SequencedDocuments documents;

    SurveyRunProjection(MongoTemplate mongo, SequencedDocuments documents) {
        this.mongo = mongo;
        this.documents = documents;
    }

    @Override
    public void afterSingletonsInstantiated() {
        documents.ensureGuardIndex(SurveyRun.class);
    }

    @Override
    public String name() {
        return "survey-runs";
    }

    /** Exhaustive on purpose: a new survey event type must be placed here or there by whoever adds it. */
    @Override
    public boolean handles(IncomingEvent<SurveyEvent> event) {
        return switch (event.data()) {
            case SurveyRunOpened opened -> true;
            case SurveyAnswered answered -> true;
            case SurveyRunClosed closed -> true;
            case SurveyPublished published -> false;
            case OneOnOneHeld held -> false;
        };
    }

    @Override
    public List<Class<?>> documentTypes() {
        return List.of(SurveyRun.class, SurveyResponse.class);
    }

    @Override
    public long appliedSequence(IncomingEvent<SurveyEvent> event, Generation generation) {
        SurveyRun run = mongo.findById(
                SurveyRun.idOf(event.tenantId(), event.subject()),
                SurveyRun.class,
                documents.collection(SurveyRun.class, generation));
        return run == null ? 0 : run.sequence();
    }

    @Override
    public void apply(IncomingEvent<SurveyEvent> event, Generation generation) {
        String id = SurveyRun.idOf(event.tenantId(), event.subject());
        switch (event.data()) {
            case SurveyRunOpened opened ->
                documents.replace(
                        name(),
                        id,
                        event.sequence(),
                        SurveyRun.opened(event.tenantId(), opened, event.sequence()),
                        generation);
            case SurveyAnswered answered -> {
                // The response is its own document, written before the run's sequence moves: writing it again
                // keeps one document (its id is the response's), so a crash in between only repeats this step.
                mongo.save(
                        SurveyResponse.of(event.tenantId(), answered),
                        documents.collection(SurveyResponse.class, generation));
                documents.update(name(), SurveyRun.class, id, event.sequence(), new Update(), generation);
            }
            case SurveyRunClosed closed ->
                documents.update(
                        name(),
                        SurveyRun.class,
                        id,
                        event.sequence(),
                        new Update().set("closed", true).set("closedAt", closed.closedAt()),
                        generation);
            case SurveyPublished published -> throw new IllegalStateException("not a run event: " + event.type());
            case OneOnOneHeld held -> throw new IllegalStateException("not a run event: " + event.type());
        }
    }

    @Override
    public Class<SurveyRun> documentType() {
        return SurveyRun.class;
    }

    @Override
    public String documentId(IncomingEvent<SurveyEvent> event) {
        return SurveyRun.idOf(event.tenantId(), event.subject());
    }

    @Override
    public String documentId(SurveyRun run) {
        return run.id();
    }

    @Override
    public long sequenceOf(SurveyRun run) {
        return run.sequence();
    }

    /** The same changes {@link #apply} writes, to the run in memory; the answer itself goes {@link #alongside}. */
    @Override
    public SurveyRun fold(SurveyRun current, IncomingEvent<SurveyEvent> event) {
        if (current == null) {
            if (!(event.data() instanceof SurveyRunOpened opened)) {
                throw new PoisonEventException(
                        "run " + event.subject() + " does not begin with its opening but " + event.type());
            }
            return SurveyRun.opened(event.tenantId(), opened, event.sequence());
        }
        return switch (event.data()) {
            case SurveyRunOpened opened -> SurveyRun.opened(event.tenantId(), opened, event.sequence());
            case SurveyAnswered answered -> current.at(event.sequence());
            case SurveyRunClosed closed -> current.closedAt(closed.closedAt(), event.sequence());
            case SurveyPublished published -> throw new IllegalStateException("not a run event: " + event.type());
            case OneOnOneHeld held -> throw new IllegalStateException("not a run event: " + event.type());
        };
    }

    /** An answer's response, stored under the response's own id before the run's sequence moves past it. */
    @Override
    public List<Object> alongside(IncomingEvent<SurveyEvent> event) {
        return event.data() instanceof SurveyAnswered answered
                ? List.of(SurveyResponse.of(event.tenantId(), answered))
                : List.of();
    }
}
