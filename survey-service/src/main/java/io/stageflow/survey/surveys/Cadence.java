package io.stageflow.survey.surveys;

import java.time.ZonedDateTime;

/** How often a survey runs. Occurrences count from the first one, so monthly runs on the 31st do not drift. */
public enum Cadence {
    ONCE(Integer.MAX_VALUE, 14),
    WEEKLY(7, 5),
    BIWEEKLY(14, 7),
    MONTHLY(28, 7),
    QUARTERLY(90, 14);

    private final int maxWindowDays;
    private final int defaultWindowDays;

    Cadence(int maxWindowDays, int defaultWindowDays) {
        this.maxWindowDays = maxWindowDays;
        this.defaultWindowDays = defaultWindowDays;
    }

    /** The {@code index}-th occurrence (0 = the first); null when a one-off survey has none left. */
    public ZonedDateTime occurrence(ZonedDateTime first, int index) {
        return switch (this) {
            case ONCE -> index == 0 ? first : null;
            case WEEKLY -> first.plusWeeks(index);
            case BIWEEKLY -> first.plusWeeks(2L * index);
            case MONTHLY -> first.plusMonths(index);
            case QUARTERLY -> first.plusMonths(3L * index);
        };
    }

    /** A run must close before the next one opens. */
    public int maxWindowDays() {
        return maxWindowDays;
    }

    public int defaultWindowDays() {
        return defaultWindowDays;
    }
}
