package io.stageflow.analytics.sentiment;

import io.stageflow.platform.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Survey results for HR: eNPS and pulse, of one run ({@code runId}) or of the runs that opened in a period
 * ({@code from}, {@code to}: days, both inclusive), optionally per segment ({@code segment=team|department|location}).
 */
@RestController
@RequestMapping("/api/v1/analytics")
class SurveyResultsController {

    private final SurveyResults results;

    SurveyResultsController(SurveyResults results) {
        this.results = results;
    }

    /**
     * Runs before every endpoint of this controller, so a new endpoint cannot forget it, and before its parameters
     * are read: a caller without the role learns nothing, not even whether a survey exists.
     */
    @ModelAttribute
    void onlySurveyResultsReaders(Caller caller) {
        SurveyResultsReaders.check(caller);
    }

    @GetMapping("/enps")
    EnpsReport enps(
            Caller caller,
            @RequestParam(required = false) String surveyId,
            @RequestParam(required = false) String runId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String segment) {
        return results.enps(caller.tenantId(), ResultsQuery.parse(surveyId, runId, from, to, segment));
    }

    @GetMapping("/pulse")
    PulseReport pulse(
            Caller caller,
            @RequestParam(required = false) String surveyId,
            @RequestParam(required = false) String runId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String segment) {
        return results.pulse(caller.tenantId(), ResultsQuery.parse(surveyId, runId, from, to, segment));
    }
}
