package io.stageflow.analytics;

import io.stageflow.platform.web.FieldError;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Reading the optional query parameters the analytics endpoints share; each bad one is named in {@code errors}. */
public final class QueryParameters {

    private QueryParameters() {}

    /** An ISO day, or null when absent or unreadable (then an error names {@code name}). */
    public static LocalDate day(String name, String text, List<FieldError> errors) {
        if (blank(text)) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be a day such as 2026-03-01"));
            return null;
        }
    }

    /** An ISO-8601 instant, or null when absent or unreadable (then an error names {@code name}). */
    public static Instant instant(String name, String text, List<FieldError> errors) {
        if (blank(text)) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an instant such as 2026-03-31T23:59:59Z"));
            return null;
        }
    }

    public static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
