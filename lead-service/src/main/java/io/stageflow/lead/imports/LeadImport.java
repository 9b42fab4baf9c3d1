package io.stageflow.lead.imports;

import io.stageflow.platform.web.FieldError;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The progress of one CSV import, updated after every chunk of rows. {@code rowsTotal} is known after a
 * first pass that only counts records.
 */
@Document("lead_imports")
public record LeadImport(
        @Id String id,
        String tenantId,
        Status status,
        long rowsTotal,
        long rowsDone,
        long created,
        long merged,
        long unchanged,
        long failed,
        List<FailedRow> failures,
        String error,
        Instant startedAt,
        Instant finishedAt) {

    public enum Status {
        RUNNING,
        DONE,
        FAILED
    }

    /** A row that was not imported: its line in the file and why. */
    public record FailedRow(long line, List<FieldError> errors) {}

    /** At most this many failed rows are listed; the count covers all. */
    static final int LISTED_FAILURES = 1_000;

    public int percent() {
        return rowsTotal == 0 ? (status == Status.RUNNING ? 0 : 100) : (int) (rowsDone * 100 / rowsTotal);
    }
}
