package io.stageflow.analytics.sentiment;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Responses per invitation, as a fraction to 3 decimals (0.750 = three in four answered). */
final class ResponseRate {

    private ResponseRate() {}

    /** Null when nobody was invited: no rate rather than a division by zero. */
    static BigDecimal of(long responses, long invited) {
        return invited == 0
                ? null
                : BigDecimal.valueOf(responses).divide(BigDecimal.valueOf(invited), 3, RoundingMode.HALF_UP);
    }
}
