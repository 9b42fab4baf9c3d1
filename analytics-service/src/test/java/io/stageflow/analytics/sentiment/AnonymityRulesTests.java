package io.stageflow.analytics.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnonymityRulesTests {

    private final AnonymityRules rules = new AnonymityRules(5);

    @Test
    void showsAGroupFromFiveResponsesOn() {
        assertThat(rules.shows(4)).isFalse();
        assertThat(rules.shows(5)).isTrue();
    }

    @Test
    void refusesAMinimumBelowFive() {
        assertThatThrownBy(() -> new AnonymityRules(4)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new AnonymityRules(8).shows(7)).isFalse();
    }

    @Test
    void hidesNothingWhenEverySegmentHasEnoughResponses() {
        assertThat(rules.hiddenSegments(20, segments("a", 5, "b", 15))).isEmpty();
    }

    @Test
    void hidesTheSmallestShownSegmentWithTheOnlySmallOneSoNobodyCanSubtractIt() {
        var hidden = rules.hiddenSegments(18, segments("alpha", 6, "beta", 8, "gamma", 4));

        assertThat(hidden).containsExactlyInAnyOrder("gamma", "alpha");
    }

    @Test
    void needsNoComplementWhenTwoSegmentsAreHiddenAlready() {
        var hidden = rules.hiddenSegments(20, segments("a", 3, "b", 2, "c", 15));

        assertThat(hidden).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void hidesEverySegmentWhenTheTotalItselfIsTooSmall() {
        assertThat(rules.hiddenSegments(4, segments("a", 3, "b", 1))).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void breaksATieBetweenEquallySmallSegmentsByTheirOrder() {
        var hidden = rules.hiddenSegments(16, segments("a", 6, "b", 6, "c", 4));

        assertThat(hidden).containsExactlyInAnyOrder("c", "a");
    }

    @Test
    void hidesASegmentHiddenElsewhereAndComplementsIt() {
        var hidden = rules.hiddenSegments(30, segments("a", 10, "b", 12, "c", 8), Set.of("a"));

        assertThat(hidden).containsExactlyInAnyOrder("a", "c");
    }

    @Test
    void showsASegmentAloneInItsBreakdownLikeTheTotalItIs() {
        // a lone segment is the total itself: shown with it, nothing to subtract
        assertThat(rules.hiddenSegments(7, segments("a", 7))).isEmpty();
    }

    private static Map<String, Long> segments(Object... nameAndCount) {
        Map<String, Long> segments = new LinkedHashMap<>();
        for (int i = 0; i < nameAndCount.length; i += 2) {
            segments.put((String) nameAndCount[i], ((Integer) nameAndCount[i + 1]).longValue());
        }
        return segments;
    }
}
