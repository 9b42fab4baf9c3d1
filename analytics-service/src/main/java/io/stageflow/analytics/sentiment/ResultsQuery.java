package io.stageflow.analytics.sentiment;

import static io.stageflow.analytics.QueryParameters.blank;
import static io.stageflow.analytics.QueryParameters.day;

import io.stageflow.platform.web.FieldError;
import io.stageflow.platform.web.InvalidInputException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a caller asked of a survey's results: one run ({@code runId}), or the runs that opened between
 * {@code from} and {@code to} (days, both inclusive, in the survey's time zone, either open-ended), optionally
 * broken down by a segment attribute.
 */
record ResultsQuery(String surveyId, String runId, LocalDate from, LocalDate to, SegmentDimension segmentBy) {

    /** Reads the request parameters; 400 naming every parameter at fault at once. */
    static ResultsQuery parse(String surveyId, String runId, String from, String to, String segment) {
        List<FieldError> errors = new ArrayList<>();
        if (blank(surveyId)) {
            errors.add(new FieldError("surveyId", "is required"));
        }
        LocalDate fromDay = day("from", from, errors);
        LocalDate toDay = day("to", to, errors);
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            errors.add(new FieldError("to", "must not be before from"));
        }
        if (!blank(runId) && (!blank(from) || !blank(to))) {
            // one run has no period; silently ignoring either would answer a question nobody asked
            errors.add(new FieldError("runId", "selects one run; from and to apply only without it"));
        }
        SegmentDimension segmentBy = null;
        if (!blank(segment)) {
            segmentBy = SegmentDimension.parse(segment).orElse(null);
            if (segmentBy == null) {
                errors.add(new FieldError("segment", "must be one of " + SegmentDimension.CHOICES));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ResultsQuery(surveyId.strip(), blank(runId) ? null : runId.strip(), fromDay, toDay, segmentBy);
    }

    boolean singleRun() {
        return runId != null;
    }

    boolean includes(LocalDate opensOn) {
        return (from == null || !opensOn.isBefore(from)) && (to == null || !opensOn.isAfter(to));
    }
}
