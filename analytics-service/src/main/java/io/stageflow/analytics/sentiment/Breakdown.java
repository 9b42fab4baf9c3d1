package io.stageflow.analytics.sentiment;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One question's answers in one scope, a run or the runs of a period: in all and per segment, and which of those
 * numbers the anonymity rules let show. Segments are in {@link SegmentKey#ORDER}; without a segment attribute
 * asked for there are none.
 */
record Breakdown(
        Distribution total, boolean totalShown, SortedMap<SegmentKey, Distribution> segments, Set<SegmentKey> hidden) {

    Breakdown {
        segments = Collections.unmodifiableSortedMap(segments);
        hidden = Collections.unmodifiableSet(hidden);
    }

    static Breakdown of(
            Distribution total,
            SortedMap<SegmentKey, Distribution> segments,
            Set<SegmentKey> hiddenElsewhere,
            AnonymityRules rules) {
        Map<SegmentKey, Long> responses = new LinkedHashMap<>();
        segments.forEach((segment, answers) -> responses.put(segment, answers.responses()));
        return new Breakdown(
                total,
                rules.shows(total.responses()),
                segments,
                rules.hiddenSegments(total.responses(), responses, hiddenElsewhere));
    }

    /**
     * The runs of a period as one: only runs whose own total is shown take part, and a segment any of them hides
     * stays hidden. So a period answer never shows what the answers per run hide: each run can be asked for on its
     * own, and the period minus the other runs must not give back a run's or a segment's hidden numbers.
     */
    static Breakdown ofPeriod(List<Breakdown> runs, AnonymityRules rules) {
        Distribution total = Distribution.NONE;
        SortedMap<SegmentKey, Distribution> segments = new TreeMap<>(SegmentKey.ORDER);
        Set<SegmentKey> hiddenInARun = new HashSet<>();
        for (Breakdown run : runs) {
            if (run.totalShown()) {
                total = total.plus(run.total());
                run.segments().forEach((segment, answers) -> segments.merge(segment, answers, Distribution::plus));
                hiddenInARun.addAll(run.hidden());
            }
        }
        return of(total, segments, hiddenInARun, rules);
    }

    boolean shows(SegmentKey segment) {
        return totalShown && !hidden.contains(segment);
    }
}
