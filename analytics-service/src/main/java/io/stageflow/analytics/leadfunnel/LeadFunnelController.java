package io.stageflow.analytics.leadfunnel;

import io.stageflow.platform.security.Caller;
import java.time.Clock;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lead funnel: leads created → MQL → SQL → converted → won, in all, per source and per UTM campaign, as of an
 * instant. Definitions and a worked example: docs/metrics.md.
 */
@RestController
class LeadFunnelController {

    private final LeadFunnelQueries queries;
    private final Clock clock;

    LeadFunnelController(LeadFunnelQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    /**
     * The gateway refuses other roles already (RouteRoles); checked here too, as every service verifies its callers
     * itself (ADR 0004), and before the parameters are read.
     */
    @ModelAttribute
    void onlyManagersAndAdmins(Caller caller) {
        caller.requireAnyRole("MANAGER", "ADMIN");
    }

    /**
     * {@code from} inclusive, {@code to} exclusive, both optional ISO-8601 instants over the leads' creation;
     * {@code asOf} an ISO-8601 instant, default now.
     */
    @GetMapping("/api/v1/analytics/lead-funnel")
    LeadFunnel leadFunnel(
            Caller caller,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String asOf) {
        return queries.funnel(caller.tenantId(), LeadFunnelQuery.parse(from, to, asOf, clock.instant()));
    }
}
