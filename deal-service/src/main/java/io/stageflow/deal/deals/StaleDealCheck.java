package io.stageflow.deal.deals;

import io.stageflow.deal.pipelines.Pipeline;
import io.stageflow.deal.pipelines.Pipelines;
import io.stageflow.platform.outbox.AggregateStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily stale-deal check: deals do not change when time passes, so once a day every open deal is looked
 * at, and those whose staleness flipped publish {@code deal.updated} with the new flag. Several instances may
 * run it at once: the version guard lets one save each flip, the others find nothing left to change.
 */
@Component
public class StaleDealCheck {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(StaleDealCheck.class);
    private static final int PAGE = 500;

    private final MongoTemplate mongo;
    private final Pipelines pipelines;
    private final AggregateStore aggregates;
    private final Clock clock;

    StaleDealCheck(MongoTemplate mongo, Pipelines pipelines, AggregateStore aggregates, Clock clock) {
        this.mongo = mongo;
        this.pipelines = pipelines;
        this.aggregates = aggregates;
        this.clock = clock;
    }

    @Scheduled(cron = "${stageflow.deal.stale-check-cron:0 15 2 * * *}", zone = "UTC")
    void daily() {
        int flipped = run();
        log.info("stale-deal check: {} deal(s) changed staleness", flipped);
    }

    /** Runs the check now; returns how many deals published a change. */
    public int run() {
        Map<String, Pipeline> pipelineById = new HashMap<>();
        int flipped = 0;
        String after = "";
        List<Deal> page;
        do {
            page = mongo.find(
                    Query.query(Criteria.where("status")
                                    .is(DealStatus.OPEN)
                                    .and("_id")
                                    .gt(after))
                            .with(Sort.by("_id"))
                            .limit(PAGE),
                    Deal.class);
            for (Deal deal : page) {
                Pipeline pipeline = pipelineById.computeIfAbsent(
                        deal.pipelineId(), id -> pipelines.findById(id).orElse(null));
                if (pipeline != null && check(deal, pipeline)) {
                    flipped++;
                }
            }
            after = page.isEmpty() ? after : page.getLast().id();
        } while (page.size() == PAGE);
        return flipped;
    }

    private boolean check(Deal deal, Pipeline pipeline) {
        if (!deal.checkStaleness(pipeline, clock)) {
            return false;
        }
        boolean flipped = !deal.recordedEvents().isEmpty();
        try {
            aggregates.save(deal);
            return flipped;
        } catch (OptimisticLockingFailureException changedMeanwhile) {
            return false; // a person or another instance changed it just now; its event carries the fresh flag
        }
    }
}
