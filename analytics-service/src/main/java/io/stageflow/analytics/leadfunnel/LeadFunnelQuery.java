package io.stageflow.analytics.leadfunnel;

import static io.stageflow.analytics.QueryParameters.blank;
import static io.stageflow.analytics.QueryParameters.instant;

import io.stageflow.platform.web.FieldError;
import io.stageflow.platform.web.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a caller asked of the lead funnel: the leads created from {@code from} (inclusive) to {@code to} (exclusive),
 * either open, as they stood {@code asOf} an instant.
 */
record LeadFunnelQuery(Instant from, Instant to, Instant asOf) {

    /** Reads the request parameters, {@code asOf} defaulting to {@code now}; 400 naming every field at fault at once. */
    static LeadFunnelQuery parse(String from, String to, String asOf, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        Instant fromInstant = instant("from", from, errors);
        Instant toInstant = instant("to", to, errors);
        if (fromInstant != null && toInstant != null && toInstant.isBefore(fromInstant)) {
            errors.add(new FieldError("to", "must not be before from"));
        }
        Instant asOfInstant = blank(asOf) ? now : instant("asOf", asOf, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new LeadFunnelQuery(fromInstant, toInstant, asOfInstant);
    }

    /**
     * Whether a lead created at {@code createdAt} belongs to the cohort: created in the period, and already created
     * at {@code asOf}, since the funnel answers what it would have answered then.
     */
    boolean inCohort(Instant createdAt) {
        return (from == null || !createdAt.isBefore(from))
                && (to == null || createdAt.isBefore(to))
                && !createdAt.isAfter(asOf);
    }
}
