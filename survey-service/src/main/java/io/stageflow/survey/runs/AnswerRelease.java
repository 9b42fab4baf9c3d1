package io.stageflow.survey.runs;

import io.stageflow.platform.outbox.AggregateStore;
import io.stageflow.survey.SurveyProperties;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Moves accepted answers into anonymous responses and publishes them in batches. A batch is first claimed on
 * the responses ({@code batchId}), then recorded on the run together with its events in one write; the run
 * remembers which batches it published, so a batch claimed before a crash is published exactly once later.
 * Callers hold the {@link SchedulerLock}.
 */
@Service
class AnswerRelease {

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final SurveyProperties properties;

    AnswerRelease(MongoTemplate mongo, AggregateStore store, SurveyProperties properties) {
        this.mongo = mongo;
        this.store = store;
        this.properties = properties;
    }

    /** Stores the response an accepted submission left on its invitation, at most once, and clears it there. */
    void store(Invitation invitation) {
        Invitation.PendingResponse pending = invitation.pending();
        try {
            mongo.insert(Response.of(invitation, pending));
        } catch (DuplicateKeyException alreadyStored) {
            // stored by the request itself or an earlier attempt; clearing the invitation is what is left
        }
        mongo.updateFirst(
                Query.query(Criteria.where("_id")
                        .is(invitation.tokenHash())
                        .and("pending.responseId")
                        .is(pending.responseId())),
                new Update().unset("pending"),
                Invitation.class);
    }

    /** Finishes submissions a crash interrupted between accepting and storing. */
    void storePending(SurveyRun run) {
        mongo.find(
                        Query.query(Criteria.where("runId")
                                .is(run.id())
                                .and("pending")
                                .ne(null)),
                        Invitation.class)
                .forEach(this::store);
    }

    /** Publishes every segment that has a full batch waiting; smaller groups keep waiting. */
    SurveyRun releaseFullBatches(SurveyRun run) {
        return release(run, properties.answerBatch());
    }

    /** Publishes everything still waiting, whatever the group size: the run is closing. */
    SurveyRun releaseAll(SurveyRun run) {
        return release(run, 1);
    }

    private SurveyRun release(SurveyRun run, int atLeast) {
        run = publishClaimedBatches(run);
        Query waiting =
                Query.query(Criteria.where("runId").is(run.id()).and("batchId").is(null));
        waiting.fields().include("segmentKey");
        Map<String, Long> waitingBySegment = mongo.find(waiting, Response.class).stream()
                .collect(Collectors.groupingBy(Response::segmentKey, Collectors.counting()));
        for (var segment : waitingBySegment.entrySet()) {
            if (segment.getValue() >= atLeast) {
                String batchId = UUID.randomUUID().toString();
                mongo.updateMulti(
                        Query.query(Criteria.where("runId")
                                .is(run.id())
                                .and("segmentKey")
                                .is(segment.getKey())
                                .and("batchId")
                                .is(null)),
                        new Update().set("batchId", batchId),
                        Response.class);
                run = publish(run, batchId);
            }
        }
        return run;
    }

    /** Batches claimed before a crash that the run has not recorded yet. */
    private SurveyRun publishClaimedBatches(SurveyRun run) {
        List<String> claimed = mongo.findDistinct(
                Query.query(Criteria.where("runId").is(run.id()).and("batchId").ne(null)),
                "batchId",
                Response.class,
                String.class);
        for (String batchId : claimed) {
            if (!run.hasReleased(batchId)) {
                run = publish(run, batchId);
            }
        }
        return run;
    }

    private SurveyRun publish(SurveyRun run, String batchId) {
        List<Response> batch = mongo.find(
                Query.query(Criteria.where("runId").is(run.id()).and("batchId").is(batchId)), Response.class);
        if (batch.isEmpty()) {
            return run;
        }
        run.release(batchId, batch);
        return store.save(run);
    }
}
