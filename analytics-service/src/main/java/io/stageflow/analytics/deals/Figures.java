package io.stageflow.analytics.deals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;

/** How deal analytics rounds what it shows: every figure is computed exactly and rounded once, half up. */
final class Figures {

    private static final BigDecimal MILLIS_PER_HOUR = BigDecimal.valueOf(3_600_000L);
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

    /** The median of durations in hours to 2 decimals: the middle one, or the mean of the two middle ones. */
    static BigDecimal medianHours(List<Long> millis) {
        if (millis.isEmpty()) {
            return null;
        }
        List<Long> sorted = millis.stream().sorted().toList();
        int middle = sorted.size() / 2;
        BigDecimal twiceMedian = sorted.size() % 2 == 1
                ? BigDecimal.valueOf(sorted.get(middle)).multiply(BigDecimal.TWO)
                : BigDecimal.valueOf(sorted.get(middle - 1)).add(BigDecimal.valueOf(sorted.get(middle)));
        return twiceMedian.divide(MILLIS_PER_HOUR.multiply(BigDecimal.TWO), 2, RoundingMode.HALF_UP);
    }
}
