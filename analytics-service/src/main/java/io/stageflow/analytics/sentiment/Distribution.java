package io.stageflow.analytics.sentiment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** How often each value was given to one question: every number shown about the question derives from it. */
record Distribution(SortedMap<Integer, Long> counts) {

    static final Distribution NONE = new Distribution(new TreeMap<>());

    Distribution {
        counts = Collections.unmodifiableSortedMap(new TreeMap<>(counts));
    }

    long responses() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    Distribution plus(Distribution other) {
        var sum = new TreeMap<>(counts);
        other.counts.forEach((value, count) -> sum.merge(value, count, Long::sum));
        return new Distribution(sum);
    }

    /** The mean value to 2 decimals, rounded half up; null without answers. */
    BigDecimal average() {
        long responses = responses();
        if (responses == 0) {
            return null;
        }
        long sum = counts.entrySet().stream()
                .mapToLong(e -> e.getKey() * e.getValue())
                .sum();
        return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(responses), 2, RoundingMode.HALF_UP);
    }

    /** The counts with every value from {@code lowest} to {@code highest} present, 0 where nobody chose it. */
    SortedMap<Integer, Long> spanning(int lowest, int highest) {
        var all = new TreeMap<Integer, Long>(counts);
        for (int value = lowest; value <= highest; value++) {
            all.putIfAbsent(value, 0L);
        }
        return Collections.unmodifiableSortedMap(all);
    }

    /** Adds one answer to counts being built. */
    static void count(Map<Integer, Long> counts, int value) {
        counts.merge(value, 1L, Long::sum);
    }
}
