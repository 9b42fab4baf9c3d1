package io.stageflow.deal.deals.web;

import io.stageflow.deal.deals.DealActivity;
import io.stageflow.deal.deals.DealManagement;
import io.stageflow.deal.deals.DealManagement.DealWithPipeline;
import io.stageflow.deal.deals.DealSearch;
import io.stageflow.deal.deals.DealStatus;
import io.stageflow.deal.deals.web.DealRequests.CreateDeal;
import io.stageflow.deal.deals.web.DealRequests.EditDeal;
import io.stageflow.deal.deals.web.DealRequests.LoseDeal;
import io.stageflow.deal.deals.web.DealRequests.MarkActivity;
import io.stageflow.deal.deals.web.DealRequests.MoveDeal;
import io.stageflow.deal.deals.web.DealRequests.NewActivity;
import io.stageflow.deal.deals.web.DealRequests.ReopenDeal;
import io.stageflow.deal.deals.web.DealResponses.DealBody;
import io.stageflow.deal.deals.web.DealResponses.DealPage;
import io.stageflow.deal.pipelines.Pipeline;
import io.stageflow.deal.pipelines.PipelineManagement;
import io.stageflow.platform.security.Caller;
import io.stageflow.platform.web.IfMatch;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/deals")
class DealController {

    private final DealManagement deals;
    private final PipelineManagement pipelines;
    private final Clock clock;

    DealController(DealManagement deals, PipelineManagement pipelines, Clock clock) {
        this.deals = deals;
        this.pipelines = pipelines;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<DealBody> create(Caller caller, @Valid @RequestBody CreateDeal request) {
        DealWithPipeline opened = deals.open(caller.tenantId(), request.pipelineId(), request.toDraft());
        return ResponseEntity.created(
                        URI.create("/api/v1/deals/" + opened.deal().id()))
                .eTag(IfMatch.etag(opened.deal().version()))
                .body(body(opened, true));
    }

    @GetMapping("/{id}")
    ResponseEntity<DealBody> get(Caller caller, @PathVariable String id) {
        return withETag(deals.get(caller.tenantId(), id));
    }

    /**
     * Lists deals. {@code stale=true}: open deals longer in their stage than its rotting days or without an
     * open activity; {@code overdue=true}: open deals whose next step is past due.
     */
    @GetMapping
    DealPage list(
            Caller caller,
            @RequestParam(required = false) String pipelineId,
            @RequestParam(required = false) String stageKey,
            @RequestParam(required = false) String ownerId,
            @RequestParam(required = false) DealStatus status,
            @RequestParam(required = false) String label,
            @RequestParam(required = false) LocalDate closeFrom,
            @RequestParam(required = false) LocalDate closeTo,
            @RequestParam(required = false) Currency currency,
            @RequestParam(required = false) BigDecimal minAmount,
            @RequestParam(required = false) BigDecimal maxAmount,
            @RequestParam(required = false) Boolean stale,
            @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        var page = deals.search(
                caller.tenantId(),
                new DealSearch(
                        pipelineId,
                        stageKey,
                        ownerId,
                        status,
                        label,
                        closeFrom,
                        closeTo,
                        currency,
                        minAmount,
                        maxAmount,
                        stale,
                        overdue,
                        sort,
                        cursor,
                        limit));
        Map<String, Pipeline> pipelineById = new HashMap<>();
        Instant now = clock.instant();
        return new DealPage(
                page.items().stream()
                        .map(deal -> DealBody.of(
                                deal,
                                pipelineById.computeIfAbsent(
                                        deal.pipelineId(), id -> pipelines.get(caller.tenantId(), id)),
                                false,
                                now))
                        .toList(),
                page.nextCursor());
    }

    @PatchMapping("/{id}")
    ResponseEntity<DealBody> edit(
            Caller caller,
            @PathVariable String id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody EditDeal request) {
        return withETag(deals.edit(caller.tenantId(), id, IfMatch.expectedVersion(ifMatch), request.toEdit()));
    }

    @PostMapping("/{id}/stage")
    ResponseEntity<DealBody> move(
            Caller caller,
            @PathVariable String id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody MoveDeal request) {
        return withETag(deals.move(caller.tenantId(), id, IfMatch.expectedVersion(ifMatch), request.stageKey()));
    }

    @PostMapping("/{id}/won")
    ResponseEntity<DealBody> win(
            Caller caller,
            @PathVariable String id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return withETag(deals.win(caller.tenantId(), id, IfMatch.expectedVersion(ifMatch)));
    }

    @PostMapping("/{id}/lost")
    ResponseEntity<DealBody> lose(
            Caller caller,
            @PathVariable String id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody LoseDeal request) {
        return withETag(deals.lose(caller.tenantId(), id, IfMatch.expectedVersion(ifMatch), request.reason()));
    }

    @PostMapping("/{id}/reopen")
    ResponseEntity<DealBody> reopen(
            Caller caller,
            @PathVariable String id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody(required = false) ReopenDeal request) {
        String stageKey = request == null ? null : request.stageKey();
        return withETag(deals.reopen(caller.tenantId(), id, IfMatch.expectedVersion(ifMatch), stageKey));
    }

    @PostMapping("/{id}/activities")
    ResponseEntity<DealActivity> addActivity(
            Caller caller, @PathVariable String id, @Valid @RequestBody NewActivity request) {
        DealActivity activity = deals.addActivity(caller.tenantId(), id, request.toDraft());
        return ResponseEntity.created(URI.create("/api/v1/deals/" + id + "/activities/" + activity.id()))
                .body(activity);
    }

    @PatchMapping("/{id}/activities/{activityId}")
    DealActivity markActivity(
            Caller caller,
            @PathVariable String id,
            @PathVariable String activityId,
            @Valid @RequestBody MarkActivity request) {
        return deals.markActivity(caller.tenantId(), id, activityId, request.done());
    }

    private ResponseEntity<DealBody> withETag(DealWithPipeline deal) {
        return ResponseEntity.ok().eTag(IfMatch.etag(deal.deal().version())).body(body(deal, true));
    }

    private DealBody body(DealWithPipeline deal, boolean withActivities) {
        return DealBody.of(deal.deal(), deal.pipeline(), withActivities, clock.instant());
    }
}
