package io.stageflow.analytics.sentiment;

import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/** The survey and the runs a query selected, in run order, each with its responses. */
record Selection(SurveyDefinition survey, ResultsQuery query, List<RunResponses> runs) {

    record RunResponses(SurveyRun run, List<SurveyResponse> responses) {

        /** One question's answers in this run; only values {@code counted} accepts take part. */
        Breakdown breakdown(String questionId, IntPredicate counted, SegmentDimension by, AnonymityRules rules) {
            var total = new TreeMap<Integer, Long>();
            var segments = new TreeMap<SegmentKey, SortedMap<Integer, Long>>(SegmentKey.ORDER);
            for (SurveyResponse response : responses) {
                var answer = response.valueOf(questionId);
                if (answer.isEmpty() || !counted.test(answer.getAsInt())) {
                    continue;
                }
                Distribution.count(total, answer.getAsInt());
                if (by != null) {
                    Distribution.count(
                            segments.computeIfAbsent(new SegmentKey(by.valueOf(response)), key -> new TreeMap<>()),
                            answer.getAsInt());
                }
            }
            var distributions = new TreeMap<SegmentKey, Distribution>(SegmentKey.ORDER);
            segments.forEach((segment, counts) -> distributions.put(segment, new Distribution(counts)));
            return Breakdown.of(new Distribution(total), distributions, Set.of(), rules);
        }
    }

    /** One question's breakdown per run, in run order. */
    List<Breakdown> perRun(String questionId, IntPredicate counted, AnonymityRules rules) {
        return runs.stream()
                .map(run -> run.breakdown(questionId, counted, query.segmentBy(), rules))
                .toList();
    }

    /** The answer asked for: the one run's breakdown, or the period's built from the runs'. */
    Breakdown result(List<Breakdown> perRun, AnonymityRules rules) {
        return query.singleRun() ? perRun.getFirst() : Breakdown.ofPeriod(perRun, rules);
    }

    /** The runs whose answers the result counts, so invitations are counted over the same runs. */
    List<SurveyRun> counted(List<Breakdown> perRun) {
        return IntStream.range(0, runs.size())
                .filter(i -> query.singleRun() || perRun.get(i).totalShown())
                .mapToObj(i -> runs.get(i).run())
                .toList();
    }

    static long invited(List<SurveyRun> runs) {
        return runs.stream().mapToLong(SurveyRun::invited).sum();
    }

    static long invited(List<SurveyRun> runs, SegmentDimension by, SegmentKey segment) {
        return runs.stream().mapToLong(run -> run.invited(by, segment)).sum();
    }
}
