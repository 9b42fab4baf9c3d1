package io.stageflow.deal.deals;

import io.stageflow.deal.pipelines.Pipeline;
import io.stageflow.deal.pipelines.PipelineManagement;
import io.stageflow.events.lead.LeadConverted;
import io.stageflow.platform.messaging.EventIds;
import io.stageflow.platform.outbox.AggregateStore;
import io.stageflow.platform.web.IfMatch;
import io.stageflow.platform.web.InvalidInputException;
import io.stageflow.platform.web.ResourceNotFoundException;
import io.stageflow.platform.web.UnprocessableInputException;
import java.time.Clock;
import java.util.Set;
import java.util.function.BiConsumer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/** Deal use cases, always within the caller's tenant. */
@Service
public class DealManagement {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DealManagement.class);

    private static final int MAX_ATTEMPTS = 3;

    private final Deals deals;
    private final PipelineManagement pipelines;
    private final AggregateStore aggregates;
    private final Clock clock;

    public DealManagement(Deals deals, PipelineManagement pipelines, AggregateStore aggregates, Clock clock) {
        this.deals = deals;
        this.pipelines = pipelines;
        this.aggregates = aggregates;
        this.clock = clock;
    }

    /** Opens a deal in the given pipeline, or the tenant's default sales pipeline when none is named. */
    public DealWithPipeline open(String tenantId, String pipelineId, DealDraft draft) {
        var problems = DealValidation.problems(draft);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Pipeline pipeline =
                pipelineId == null ? pipelines.defaultSalesPipeline(tenantId) : pipelineNamed(tenantId, pipelineId);
        Deal deal = Deal.open(tenantId, EventIds.next(clock).toString(), draft, pipeline, clock);
        return new DealWithPipeline(deals.insert(deal), pipeline);
    }

    /**
     * Opens the deal a converted lead asked for, exactly once: the deal's id comes with the event, so a
     * redelivered or replayed {@code lead.converted} finds the deal and opens nothing new. A pipeline the tenant
     * does not have falls back to the default sales pipeline rather than losing the deal.
     */
    public void openFromConversion(String tenantId, LeadConverted converted) {
        if (deals.existsById(converted.dealId())) {
            return;
        }
        Pipeline pipeline = null;
        if (converted.pipelineId() != null) {
            try {
                pipeline = pipelines.get(tenantId, converted.pipelineId());
            } catch (ResourceNotFoundException unknown) {
                log.warn(
                        "lead {} converted into unknown pipeline {}; opening deal {} in the default sales pipeline",
                        converted.leadId(),
                        converted.pipelineId(),
                        converted.dealId());
            }
        }
        if (pipeline == null) {
            pipeline = pipelines.defaultSalesPipeline(tenantId);
        }
        String title = converted.title() == null || converted.title().isBlank()
                ? "Deal from lead " + converted.leadId()
                : converted.title().strip();
        var draft = new DealDraft(
                title.length() > DealValidation.MAX_TITLE ? title.substring(0, DealValidation.MAX_TITLE) : title,
                null,
                converted.amount(),
                converted.ownerId(),
                converted.leadId(),
                null,
                null,
                null,
                Set.of());
        try {
            deals.insert(Deal.open(tenantId, converted.dealId(), draft, pipeline, clock));
            // one line per conversion: with the trace id of the request that converted the lead, this is where
            // an operator follows a conversion from the gateway's access log into deal-service
            log.info("opened deal {} from converted lead {}", converted.dealId(), converted.leadId());
        } catch (DuplicateKeyException openedMeanwhile) {
            // the same event delivered twice at once: the first one opened the deal
        }
    }

    public DealWithPipeline get(String tenantId, String id) {
        Deal deal = find(tenantId, id);
        return new DealWithPipeline(deal, pipelines.get(tenantId, deal.pipelineId()));
    }

    public DealSearchRepository.Page search(String tenantId, DealSearch search) {
        if (search.pipelineId() != null) {
            pipelines.get(tenantId, search.pipelineId());
        }
        return deals.search(tenantId, search, clock.instant());
    }

    public DealWithPipeline edit(String tenantId, String id, Long expectedVersion, DealEdit edit) {
        var problems = DealValidation.problems(edit);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return change(tenantId, id, expectedVersion, (deal, pipeline) -> deal.edit(edit, pipeline, clock));
    }

    public DealWithPipeline move(String tenantId, String id, Long expectedVersion, String stageKey) {
        if (stageKey == null || stageKey.isBlank()) {
            throw new UnprocessableInputException("stageKey", "is required");
        }
        return change(tenantId, id, expectedVersion, (deal, pipeline) -> deal.moveTo(pipeline, stageKey, clock));
    }

    public DealWithPipeline win(String tenantId, String id, Long expectedVersion) {
        return change(tenantId, id, expectedVersion, (deal, pipeline) -> deal.win(pipeline, clock));
    }

    public DealWithPipeline lose(String tenantId, String id, Long expectedVersion, String reason) {
        return change(tenantId, id, expectedVersion, (deal, pipeline) -> deal.lose(pipeline, reason, clock));
    }

    public DealWithPipeline reopen(String tenantId, String id, Long expectedVersion, String stageKey) {
        return change(tenantId, id, expectedVersion, (deal, pipeline) -> deal.reopen(pipeline, stageKey, clock));
    }

    public DealActivity addActivity(String tenantId, String id, ActivityDraft draft) {
        var problems = DealValidation.problems(draft);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        DealActivity[] added = new DealActivity[1];
        change(tenantId, id, null, (deal, pipeline) -> added[0] = deal.addActivity(draft, pipeline, clock));
        return added[0];
    }

    public DealActivity markActivity(String tenantId, String id, String activityId, boolean done) {
        DealActivity[] marked = new DealActivity[1];
        change(
                tenantId,
                id,
                null,
                (deal, pipeline) -> marked[0] = deal.markActivity(activityId, done, pipeline, clock)
                        .orElseThrow(() -> new ResourceNotFoundException("Activity", activityId)));
        return marked[0];
    }

    /**
     * Reads, changes and saves a deal. Without {@code If-Match} the caller wants the change whatever the version
     * (two people dragging the same card), so a concurrent save is answered by applying the change again to the
     * newest version; with it, the conflict goes back to the caller.
     */
    private DealWithPipeline change(
            String tenantId, String id, Long expectedVersion, BiConsumer<Deal, Pipeline> change) {
        for (int attempt = 1; ; attempt++) {
            Deal deal = find(tenantId, id);
            IfMatch.check(expectedVersion, deal.version());
            Pipeline pipeline = pipelines.get(tenantId, deal.pipelineId());
            change.accept(deal, pipeline);
            try {
                Deal saved = deal.recordedEvents().isEmpty() ? deal : aggregates.save(deal);
                return new DealWithPipeline(saved, pipeline);
            } catch (OptimisticLockingFailureException changedMeanwhile) {
                if (expectedVersion != null || attempt == MAX_ATTEMPTS) {
                    throw changedMeanwhile;
                }
            }
        }
    }

    private Deal find(String tenantId, String id) {
        return deals.findById(id)
                .filter(deal -> deal.tenantId().equals(tenantId))
                .orElseThrow(() -> new ResourceNotFoundException("Deal", id));
    }

    private Pipeline pipelineNamed(String tenantId, String pipelineId) {
        try {
            return pipelines.get(tenantId, pipelineId);
        } catch (ResourceNotFoundException e) {
            throw new UnprocessableInputException(
                    "pipelineId", "'" + pipelineId + "' is not a pipeline of this tenant");
        }
    }

    /** A deal and the pipeline it lives in: the probability and weighting of a deal depend on both. */
    public record DealWithPipeline(Deal deal, Pipeline pipeline) {}
}
