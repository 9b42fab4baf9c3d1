package io.stageflow.lead.intake;

import io.stageflow.platform.web.FieldError;
import java.util.List;

/** What became of one lead handed to intake. */
public record IntakeOutcome(Result result, String leadId, List<FieldError> errors) {

    public enum Result {
        CREATED,
        MERGED,
        /** Known already, and nothing new in it (for example the same report delivered twice). */
        UNCHANGED,
        REJECTED
    }

    static IntakeOutcome rejected(List<FieldError> errors) {
        return new IntakeOutcome(Result.REJECTED, null, List.copyOf(errors));
    }

    static IntakeOutcome of(Result result, String leadId) {
        return new IntakeOutcome(result, leadId, List.of());
    }
}
