package io.stageflow.lead.leads.web;

import io.stageflow.lead.leads.Lead;
import io.stageflow.lead.leads.LeadManagement;
import io.stageflow.lead.leads.LeadSearch;
import io.stageflow.lead.leads.LeadStatus;
import io.stageflow.lead.leads.web.LeadRequests.Convert;
import io.stageflow.lead.leads.web.LeadRequests.CreateLead;
import io.stageflow.lead.leads.web.LeadRequests.Disqualify;
import io.stageflow.lead.leads.web.LeadRequests.EditLead;
import io.stageflow.lead.leads.web.LeadResponses.ConversionAccepted;
import io.stageflow.lead.leads.web.LeadResponses.LeadBody;
import io.stageflow.lead.leads.web.LeadResponses.LeadExport;
import io.stageflow.lead.leads.web.LeadResponses.LeadPage;
import io.stageflow.platform.security.Caller;
import io.stageflow.platform.web.IfMatch;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
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
@RequestMapping("/api/v1/leads")
class LeadController {

    private final LeadManagement leads;
    private final Clock clock;

    LeadController(LeadManagement leads, Clock clock) {
        this.leads = leads;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<LeadBody> create(Caller caller, @Valid @RequestBody CreateLead request) {
        Lead lead = leads.create(caller.tenantId(), request.toDraft(clock.instant()));
        return ResponseEntity.created(URI.create("/api/v1/leads/" + lead.id()))
                .eTag(IfMatch.etag(lead.version()))
                .body(LeadBody.of(lead));
    }

    @GetMapping("/{id}")
    ResponseEntity<LeadBody> get(Caller caller, @PathVariable String id) {
        return withETag(leads.get(caller.tenantId(), id));
    }

    @GetMapping
    LeadPage list(
            Caller caller,
            @RequestParam(required = false) LeadStatus status,
            @RequestParam(required = false) String source,
            @RequestParam(required = false) String campaign,
            @RequestParam(required = false) String ownerId,
            @RequestParam(required = false) Integer minScore,
            @RequestParam(required = false) Integer maxScore,
            @RequestParam(required = false) Instant createdFrom,
            @RequestParam(required = false) Instant createdTo,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        var page = leads.search(
                caller.tenantId(),
                new LeadSearch(
                        status,
                        source,
                        campaign,
                        ownerId,
                        minScore,
                        maxScore,
                        createdFrom,
                        createdTo,
                        q,
                        sort,
                        cursor,
                        limit));
        return new LeadPage(page.items().stream().map(LeadBody::of).toList(), page.nextCursor());
    }

    @PatchMapping("/{id}")
    ResponseEntity<LeadBody> edit(
            Caller caller,
            @PathVariable String id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody EditLead request) {
        return withETag(
                leads.edit(caller.tenantId(), id, IfMatch.expectedVersion(ifMatch), request.toEdit(clock.instant())));
    }

    @PostMapping("/{id}/qualify")
    ResponseEntity<LeadBody> qualify(
            Caller caller,
            @PathVariable String id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return withETag(leads.qualify(caller.tenantId(), id, IfMatch.expectedVersion(ifMatch)));
    }

    @PostMapping("/{id}/disqualify")
    ResponseEntity<LeadBody> disqualify(
            Caller caller,
            @PathVariable String id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody Disqualify request) {
        return withETag(leads.disqualify(caller.tenantId(), id, IfMatch.expectedVersion(ifMatch), request.reason()));
    }

    /** 202: the deal opens in deal-service when it reads {@code lead.converted}; its id is already known. */
    @PostMapping("/{id}/convert")
    ResponseEntity<ConversionAccepted> convert(
            Caller caller,
            @PathVariable String id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody(required = false) Convert request) {
        var conversion = (request == null ? new Convert(null, null, null) : request).toConversion();
        Lead lead = leads.convert(caller.tenantId(), id, IfMatch.expectedVersion(ifMatch), conversion);
        return ResponseEntity.accepted()
                .eTag(IfMatch.etag(lead.version()))
                .body(new ConversionAccepted(lead.id(), lead.convertedDealId(), conversion.pipelineId()));
    }

    /** GDPR erasure. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> erase(Caller caller, @PathVariable String id) {
        leads.erase(caller.tenantId(), id);
        return ResponseEntity.noContent().build();
    }

    /** Right of access: everything stored about the person. */
    @GetMapping("/{id}/export")
    LeadExport export(Caller caller, @PathVariable String id) {
        Lead lead = leads.get(caller.tenantId(), id);
        return new LeadExport(LeadBody.of(lead), lead.consentHistory(), lead.activities(), clock.instant());
    }

    private static ResponseEntity<LeadBody> withETag(Lead lead) {
        return ResponseEntity.ok().eTag(IfMatch.etag(lead.version())).body(LeadBody.of(lead));
    }
}
