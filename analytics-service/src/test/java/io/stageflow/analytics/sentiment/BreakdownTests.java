package io.stageflow.analytics.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A period's answer never shows what the answers of its runs hide. */
class BreakdownTests {

    private final AnonymityRules rules = new AnonymityRules(5);

    private final SegmentKey alpha = new SegmentKey("alpha");
    private final SegmentKey beta = new SegmentKey("beta");
    private final SegmentKey gamma = new SegmentKey("gamma");
    private final SegmentKey none = new SegmentKey(null);

    @Test
    void leavesARunTooSmallToShowOutOfThePeriod() {
        var april = run(Map.of(alpha, 6, beta, 6));
        var may = run(Map.of(alpha, 3));

        var period = Breakdown.ofPeriod(List.of(april, may), rules);

        assertThat(may.totalShown()).isFalse();
        assertThat(period.total().responses()).isEqualTo(12);
    }

    @Test
    void keepsASegmentHiddenThatOneRunHidesEvenWhenThePeriodHasEnoughOfIt() {
        var april = run(Map.of(alpha, 3, beta, 10, gamma, 10));
        var may = run(Map.of(alpha, 3, beta, 10, gamma, 12));

        var period = Breakdown.ofPeriod(List.of(april, may), rules);

        assertThat(period.segments().get(alpha).responses()).isEqualTo(6);
        assertThat(period.shows(alpha)).isFalse();
        assertThat(period.shows(beta)).as("the complement of alpha").isFalse();
        assertThat(period.shows(gamma)).isTrue();
    }

    @Test
    void treatsAnswersWithoutTheAttributeAsASegmentOfTheirOwnListedLast() {
        var april = run(Map.of(alpha, 8, none, 2, beta, 9));

        assertThat(april.segments().keySet()).containsExactly(alpha, beta, none);
        assertThat(april.hidden()).containsExactlyInAnyOrder(none, alpha);
    }

    private Breakdown run(Map<SegmentKey, Integer> answersPerSegment) {
        var segments = new TreeMap<SegmentKey, Distribution>(SegmentKey.ORDER);
        var total = Distribution.NONE;
        for (var entry : answersPerSegment.entrySet()) {
            var counts = new TreeMap<Integer, Long>();
            counts.put(9, entry.getValue().longValue());
            segments.put(entry.getKey(), new Distribution(counts));
            total = total.plus(new Distribution(counts));
        }
        return Breakdown.of(total, segments, Set.of(), rules);
    }
}
