package io.stageflow.analytics.deals;

import io.stageflow.platform.security.Caller;
import java.time.Clock;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Deal funnel, sales velocity and forecast of one pipeline, each as of an instant ({@code asOf}, an ISO-8601
 * instant, default now).
 */
@RestController
@RequestMapping("/api/v1/analytics")
class DealAnalyticsController {

    private final DealAnalytics analytics;
    private final Clock clock;

    DealAnalyticsController(DealAnalytics analytics, Clock clock) {
        this.analytics = analytics;
        this.clock = clock;
    }

    /**
     * Runs before every endpoint of this controller, so a new endpoint cannot forget it, and before its parameters
     * are read: a caller without the role learns nothing, not even whether a pipeline exists.
     */
    @ModelAttribute
    void onlyManagersAndAdmins(Caller caller) {
        caller.requireAnyRole("MANAGER", "ADMIN");
    }

    /** {@code from}, {@code to}: days (UTC, both inclusive) over the deals' creation; without them, every deal. */
    @GetMapping("/funnel")
    DealFunnel funnel(
            Caller caller,
            @RequestParam(required = false) String pipelineId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String asOf) {
        return analytics.funnel(caller.tenantId(), DealQuery.parse(pipelineId, from, to, asOf, clock.instant()));
    }

    @GetMapping("/velocity")
    SalesVelocity velocity(
            Caller caller,
            @RequestParam(required = false) String pipelineId,
            @RequestParam(required = false) String asOf) {
        return analytics.velocity(caller.tenantId(), DealQuery.parse(pipelineId, asOf, clock.instant()));
    }

    @GetMapping("/forecast")
    DealForecast forecast(
            Caller caller,
            @RequestParam(required = false) String pipelineId,
            @RequestParam(required = false) String asOf) {
        return analytics.forecast(caller.tenantId(), DealQuery.parse(pipelineId, asOf, clock.instant()));
    }
}
