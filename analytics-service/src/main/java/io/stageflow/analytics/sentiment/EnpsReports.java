package io.stageflow.analytics.sentiment;

import java.util.List;
import java.util.stream.IntStream;
import org.springframework.stereotype.Component;

/** Computes {@link EnpsReport}s from the selected runs' answers to the eNPS question. */
@Component
class EnpsReports {

    private final AnonymityRules rules;

    EnpsReports(AnonymityRules rules) {
        this.rules = rules;
    }

    EnpsReport of(Selection selection) {
        SurveyDefinition survey = selection.survey();
        ResultsQuery query = selection.query();
        EnpsScale scale = EnpsScale.of(survey.enpsScale());
        List<Breakdown> perRun = selection.perRun(survey.enpsQuestionId(), scale::accepts, rules);
        Breakdown result = selection.result(perRun, rules);
        List<SurveyRun> counted = selection.counted(perRun);
        long invited = Selection.invited(counted);

        List<EnpsReport.Segment> segments = query.segmentBy() == null
                ? null
                : result.segments().entrySet().stream()
                        .map(segment -> new EnpsReport.Segment(
                                segment.getKey().value(),
                                !result.shows(segment.getKey()),
                                numbers(
                                        result.shows(segment.getKey()),
                                        segment.getValue(),
                                        scale,
                                        Selection.invited(counted, query.segmentBy(), segment.getKey()))))
                        .toList();
        List<EnpsReport.TrendPoint> trend = query.singleRun()
                ? null
                : IntStream.range(0, perRun.size())
                        .mapToObj(i -> {
                            SurveyRun run = selection.runs().get(i).run();
                            Breakdown answers = perRun.get(i);
                            return new EnpsReport.TrendPoint(
                                    run.runId(),
                                    run.runNumber(),
                                    run.opensAt(),
                                    run.closed(),
                                    !answers.totalShown(),
                                    numbers(answers.totalShown(), answers.total(), scale, run.invited()),
                                    run.invited());
                        })
                        .toList();
        return new EnpsReport(
                survey.surveyId(),
                query.runId(),
                query.from(),
                query.to(),
                scale.name(),
                query.segmentBy() == null ? null : query.segmentBy().parameter(),
                !result.totalShown(),
                numbers(result.totalShown(), result.total(), scale, invited),
                invited,
                segments,
                trend);
    }

    private static EnpsReport.Numbers numbers(boolean shown, Distribution answers, EnpsScale scale, long invited) {
        return shown ? EnpsReport.Numbers.of(EnpsTally.of(answers, scale), invited) : EnpsReport.Numbers.SUPPRESSED;
    }
}
