package io.stageflow.analytics.leadfunnel;

import io.stageflow.platform.security.Caller;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class LeadFunnelController {

    private final LeadFunnelQueries queries;

    LeadFunnelController(LeadFunnelQueries queries) {
        this.queries = queries;
    }

    /** {@code from} inclusive, {@code to} exclusive, both optional ISO-8601 instants over creation time. */
    @GetMapping("/api/v1/analytics/lead-funnel")
    LeadFunnel leadFunnel(
            Caller caller, @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
        return queries.funnel(caller.tenantId(), from, to);
    }
}
