package io.stageflow.survey;

import io.stageflow.platform.web.FieldError;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/** Reads a {@code timeZone} field: an IANA zone id, UTC when absent. */
public final class TimeZones {

    private TimeZones() {}

    /** The zone, or null after adding a problem naming {@code timeZone}. */
    public static ZoneId parse(String timeZone, List<FieldError> problems) {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(timeZone.strip());
        } catch (DateTimeException e) {
            problems.add(new FieldError("timeZone", "is not a time zone (for example Europe/Berlin)"));
            return null;
        }
    }
}
