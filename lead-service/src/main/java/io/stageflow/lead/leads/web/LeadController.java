package io.stageflow.lead.leads.web;

import io.stageflow.lead.leads.Lead;
import io.stageflow.lead.leads.LeadManagement;
import io.stageflow.platform.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/leads")
class LeadController {

    private final LeadManagement leads;

    LeadController(LeadManagement leads) {
        this.leads = leads;
    }

    @PostMapping
    ResponseEntity<LeadResponse> create(Caller caller, @Valid @RequestBody CreateLeadRequest request) {
        Lead lead = leads.create(caller.tenantId(), request.toNewLead());
        return ResponseEntity.created(URI.create("/api/v1/leads/" + lead.id()))
                .eTag("\"" + lead.version() + "\"")
                .body(LeadResponse.of(lead));
    }

    @GetMapping("/{id}")
    ResponseEntity<LeadResponse> get(Caller caller, @PathVariable String id) {
        Lead lead = leads.get(caller.tenantId(), id);
        return ResponseEntity.ok().eTag("\"" + lead.version() + "\"").body(LeadResponse.of(lead));
    }

    @GetMapping
    LeadPage list(
            Caller caller,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        List<Lead> page = leads.page(caller.tenantId(), cursor, limit + 1);
        boolean more = page.size() > limit;
        List<LeadResponse> items =
                page.stream().limit(limit).map(LeadResponse::of).toList();
        return new LeadPage(items, more ? items.getLast().id() : null);
    }
}
