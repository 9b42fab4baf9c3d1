package io.stageflow.analytics.sentiment;

import io.stageflow.platform.web.ResourceNotFoundException;
import io.stageflow.platform.web.UnprocessableInputException;
import org.springframework.stereotype.Component;

/** The use cases behind the survey result endpoints: select what was asked for, then compute the answer. */
@Component
class SurveyResults {

    private final SurveyResultsStore store;
    private final EnpsReports enps;
    private final PulseReports pulse;

    SurveyResults(SurveyResultsStore store, EnpsReports enps, PulseReports pulse) {
        this.store = store;
        this.enps = enps;
        this.pulse = pulse;
    }

    EnpsReport enps(String tenantId, ResultsQuery query) {
        Selection selection = select(tenantId, query);
        if (selection.survey().enpsQuestionId() == null) {
            throw new UnprocessableInputException("surveyId", "is a survey without an eNPS question");
        }
        return enps.of(selection);
    }

    PulseReport pulse(String tenantId, ResultsQuery query) {
        return pulse.of(select(tenantId, query));
    }

    /** 404 for a survey or run the tenant does not have, whether it does not exist or is another tenant's. */
    private Selection select(String tenantId, ResultsQuery query) {
        SurveyDefinition survey = store.survey(tenantId, query.surveyId())
                .orElseThrow(() -> new ResourceNotFoundException("survey", query.surveyId()));
        var runs = store.runs(tenantId, survey.surveyId()).stream()
                .filter(run -> query.singleRun()
                        ? run.runId().equals(query.runId())
                        : query.includes(run.opensAt().atZone(survey.zone()).toLocalDate()))
                .map(run -> new Selection.RunResponses(run, store.responses(tenantId, run.runId())))
                .toList();
        if (query.singleRun() && runs.isEmpty()) {
            throw new ResourceNotFoundException("survey run", query.runId());
        }
        return new Selection(survey, query, runs);
    }
}
