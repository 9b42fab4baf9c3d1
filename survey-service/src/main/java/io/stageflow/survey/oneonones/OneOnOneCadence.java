package io.stageflow.survey.oneonones;

import java.time.ZonedDateTime;

public enum OneOnOneCadence {
    WEEKLY,
    BIWEEKLY,
    MONTHLY;

    ZonedDateTime after(ZonedDateTime meeting) {
        return switch (this) {
            case WEEKLY -> meeting.plusWeeks(1);
            case BIWEEKLY -> meeting.plusWeeks(2);
            case MONTHLY -> meeting.plusMonths(1);
        };
    }
}
