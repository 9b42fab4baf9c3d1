package io.stageflow.analytics.sentiment;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.springframework.stereotype.Component;

/** Computes {@link PulseReport}s: every numeric question, in the survey's order. */
@Component
class PulseReports {

    private final AnonymityRules rules;

    PulseReports(AnonymityRules rules) {
        this.rules = rules;
    }

    PulseReport of(Selection selection) {
        SurveyDefinition survey = selection.survey();
        ResultsQuery query = selection.query();
        List<Selection.RunResponses> runs = selection.runs();

        Map<SurveyDefinition.Question, List<Breakdown>> perRun = new LinkedHashMap<>();
        for (var question : survey.questions()) {
            if (QuestionType.of(question.type()).map(QuestionType::numeric).orElse(true)) {
                perRun.put(question, selection.perRun(question.questionId(), value -> true, rules));
            }
        }

        // a period counts only the runs that may be shown on their own, as each question's breakdown does
        List<Selection.RunResponses> counted = runs.stream()
                .filter(run -> query.singleRun() || rules.shows(run.responses().size()))
                .toList();
        long responses =
                counted.stream().mapToLong(run -> run.responses().size()).sum();
        long invited = Selection.invited(
                counted.stream().map(Selection.RunResponses::run).toList());
        boolean shown = rules.shows(responses);

        List<PulseReport.Question> questions = perRun.entrySet().stream()
                .map(entry -> question(entry.getKey(), selection.result(entry.getValue(), rules), query))
                .toList();
        List<PulseReport.TrendPoint> trend = query.singleRun()
                ? null
                : IntStream.range(0, runs.size())
                        .mapToObj(i -> trendPoint(runs.get(i), i, perRun))
                        .toList();
        return new PulseReport(
                survey.surveyId(),
                query.runId(),
                query.from(),
                query.to(),
                query.segmentBy() == null ? null : query.segmentBy().parameter(),
                !shown,
                shown ? responses : null,
                invited,
                shown ? ResponseRate.of(responses, invited) : null,
                questions,
                trend);
    }

    private static PulseReport.Question question(
            SurveyDefinition.Question question, Breakdown result, ResultsQuery query) {
        List<PulseReport.Segment> segments = query.segmentBy() == null
                ? null
                : result.segments().entrySet().stream()
                        .map(segment -> new PulseReport.Segment(
                                segment.getKey().value(),
                                !result.shows(segment.getKey()),
                                answers(result.shows(segment.getKey()), segment.getValue(), question)))
                        .toList();
        return new PulseReport.Question(
                question.questionId(),
                question.type(),
                question.text(),
                !result.totalShown(),
                answers(result.totalShown(), result.total(), question),
                segments);
    }

    private PulseReport.TrendPoint trendPoint(
            Selection.RunResponses run, int index, Map<SurveyDefinition.Question, List<Breakdown>> perRun) {
        boolean shown = rules.shows(run.responses().size());
        return new PulseReport.TrendPoint(
                run.run().runId(),
                run.run().runNumber(),
                run.run().opensAt(),
                run.run().closed(),
                !shown,
                shown ? (long) run.responses().size() : null,
                perRun.entrySet().stream()
                        .map(entry -> {
                            Breakdown answers = entry.getValue().get(index);
                            boolean questionShown = answers.totalShown();
                            return new PulseReport.QuestionAverage(
                                    entry.getKey().questionId(),
                                    !questionShown,
                                    questionShown ? answers.total().responses() : null,
                                    questionShown ? average(answers.total(), entry.getKey()) : null);
                        })
                        .toList());
    }

    private static PulseReport.Answers answers(
            boolean shown, Distribution answers, SurveyDefinition.Question question) {
        if (!shown) {
            return PulseReport.Answers.SUPPRESSED;
        }
        var type = QuestionType.of(question.type());
        return new PulseReport.Answers(
                answers.responses(),
                average(answers, question),
                type.map(t -> answers.spanning(t.lowest(), t.highest(question.options())))
                        .orElse(answers.counts()));
    }

    private static BigDecimal average(Distribution answers, SurveyDefinition.Question question) {
        return QuestionType.of(question.type()).map(QuestionType::averages).orElse(false) ? answers.average() : null;
    }
}
