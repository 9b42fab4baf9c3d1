package io.stageflow.survey.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.stageflow.events.survey.OneOnOneHeld;
import io.stageflow.events.survey.SurveyAnswered;
import io.stageflow.events.survey.SurveyEvent;
import io.stageflow.events.survey.SurveyPublished;
import io.stageflow.events.survey.SurveyRunClosed;
import io.stageflow.events.survey.SurveyRunOpened;
import io.stageflow.platform.metrics.EventMeters;
import org.springframework.stereotype.Component;

/**
 * Survey responses published per survey ({@code stageflow.survey.responses}), runs opened and closed, and
 * one-on-ones held. Counted when answers are published (in batches), so the metric is as anonymous as the
 * events; the survey id is the only tag.
 */
@Component
class SurveyEventMeters implements EventMeters {

    @Override
    public void count(Object event, MeterRegistry meters) {
        if (!(event instanceof SurveyEvent survey)) {
            return;
        }
        switch (survey) {
            case SurveyAnswered answered ->
                meters.counter("stageflow.survey.responses", "survey", answered.surveyId())
                        .increment();
            case SurveyRunOpened opened ->
                meters.counter("stageflow.survey.runs.opened").increment();
            case SurveyRunClosed closed ->
                meters.counter("stageflow.survey.runs.closed").increment();
            case OneOnOneHeld held ->
                meters.counter("stageflow.one-on-ones.held").increment();
            case SurveyPublished published -> {}
        }
    }
}
