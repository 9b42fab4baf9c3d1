package io.stageflow.analytics.deals;

import static io.stageflow.analytics.QueryParameters.blank;
import static io.stageflow.analytics.QueryParameters.day;
import static io.stageflow.analytics.QueryParameters.instant;

import io.stageflow.platform.web.FieldError;
import io.stageflow.platform.web.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * What a caller asked of a pipeline's deals: the state {@code asOf} an instant, optionally only of the deals
 * created from day {@code from} to day {@code to} (both inclusive, UTC days, either open-ended).
 */
record DealQuery(String pipelineId, Instant asOf, LocalDate from, LocalDate to) {

    /** Reads the request parameters, {@code asOf} defaulting to {@code now}; 400 naming every field at fault at once. */
    static DealQuery parse(String pipelineId, String from, String to, String asOf, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (blank(pipelineId)) {
            errors.add(new FieldError("pipelineId", "is required"));
        }
        LocalDate fromDay = day("from", from, errors);
        LocalDate toDay = day("to", to, errors);
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            errors.add(new FieldError("to", "must not be before from"));
        }
        Instant asOfInstant = blank(asOf) ? now : instant("asOf", asOf, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new DealQuery(pipelineId.strip(), asOfInstant, fromDay, toDay);
    }

    /** Velocity and forecast look at every deal of the pipeline; they have no period. */
    static DealQuery parse(String pipelineId, String asOf, Instant now) {
        return parse(pipelineId, null, null, asOf, now);
    }

    /** Whether a deal created at {@code createdAt} belongs to the asked period (always, without one). */
    boolean createdInPeriod(Instant createdAt) {
        LocalDate day = LocalDate.ofInstant(createdAt, ZoneOffset.UTC);
        return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
    }
}
