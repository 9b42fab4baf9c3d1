package io.stageflow.analytics.deals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.SortedMap;

/** How deal analytics rounds what it shows: every figure is computed exactly and rounded once, half up. */
final class Figures {

    private static final BigDecimal MILLIS_PER_HOUR = BigDecimal.valueOf(3_600_000L);
    private static final long MILLIS_PER_HUNDREDTH_HOUR = 36_000L;
    private static final BigDecimal MILLIS_PER_DAY = BigDecimal.valueOf(86_400_000L);

    private Figures() {}

    /** {@code part / whole} to 3 decimals (0.625); null when {@code whole} is 0: no rate rather than a guess. */
    static BigDecimal fraction(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 3, RoundingMode.HALF_UP);
    }

    /** The mean of {@code count} durations summing to {@code totalMillis}, in hours to 2 decimals; null for none. */
    static BigDecimal averageHours(BigInteger totalMillis, long count) {
        return count == 0
                ? null
                : new BigDecimal(totalMillis)
                        .divide(MILLIS_PER_HOUR.multiply(BigDecimal.valueOf(count)), 2, RoundingMode.HALF_UP);
    }

    /** The same in days. */
    static BigDecimal averageDays(BigInteger totalMillis, long count) {
        return count == 0
                ? null
                : new BigDecimal(totalMillis)
                        .divide(MILLIS_PER_DAY.multiply(BigDecimal.valueOf(count)), 2, RoundingMode.HALF_UP);
    }

    /**
     * A duration in hundredths of an hour, rounded half up: the resolution the funnel shows, at which the medians
     * are taken (36-second cells), so that a tally can count durations per cell instead of keeping every one.
     */
    static long hundredthsOfHour(long millis) {
        return Math.floorDiv(millis + MILLIS_PER_HUNDREDTH_HOUR / 2, MILLIS_PER_HUNDREDTH_HOUR);
    }

    /**
     * The median of durations counted per {@link #hundredthsOfHour} cell, in hours to 2 decimals: the middle cell, or
     * the mean of the two middle ones (rounded half up); null for none.
     */
    static BigDecimal medianHours(SortedMap<Long, Long> countsByCell) {
        long total = countsByCell.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return null;
        }
        // zero-based ranks of the two middle values; the same one for an odd count
        long lower = (total - 1) / 2;
        long upper = total / 2;
        Long lowerCell = null;
        long seen = 0;
        for (var cell : countsByCell.entrySet()) {
            seen += cell.getValue();
            if (lowerCell == null && seen > lower) {
                lowerCell = cell.getKey();
            }
            if (seen > upper) {
                return BigDecimal.valueOf(lowerCell + cell.getKey())
                        .divide(BigDecimal.valueOf(200), 2, RoundingMode.HALF_UP);
            }
        }
        throw new IllegalStateException("unreachable: the ranks are below the total");
    }
}
