package io.stageflow.survey.runs;

import io.stageflow.events.survey.Segment;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One employee's single-use invitation to one run, found by the SHA-256 of its token: the token itself is
 * only ever in the link sent to the person. {@code employeeId} is kept only so the reminder reaches those who
 * have not answered, and is removed (with the segment) when the run closes. The answers never pass through
 * here except for the instant between accepting them and storing them as an anonymous response
 * ({@code pending}).
 */
@Document("survey_invitations")
@CompoundIndexes({
    @CompoundIndex(name = "run_employee", def = "{'runId': 1, 'employeeId': 1}"),
    @CompoundIndex(name = "pending", def = "{'pending.responseId': 1}", sparse = true)
})
public class Invitation {

    @Id
    private String tokenHash;

    private String tenantId;
    private String surveyId;
    private String runId;
    private String employeeId;
    private Segment segment;
    private boolean delivered;
    private boolean used;
    /** The reminder replaced this invitation's link with a new one. */
    private boolean replaced;

    private PendingResponse pending;
    private Instant createdAt;

    /** Answers accepted for this token, on their way to the responses collection; see {@code ResponseIntake}. */
    public record PendingResponse(String responseId, LocalDate answeredOn, List<StoredAnswer> answers) {}

    protected Invitation() {}

    static Invitation issue(SurveyRun run, String employeeId, Segment segment, String tokenHash, Instant now) {
        var invitation = new Invitation();
        invitation.tokenHash = tokenHash;
        invitation.tenantId = run.tenantId();
        invitation.surveyId = run.surveyId();
        invitation.runId = run.id();
        invitation.employeeId = employeeId;
        invitation.segment = segment;
        invitation.createdAt = now;
        return invitation;
    }

    public String tokenHash() {
        return tokenHash;
    }

    public String tenantId() {
        return tenantId;
    }

    public String surveyId() {
        return surveyId;
    }

    public String runId() {
        return runId;
    }

    public String employeeId() {
        return employeeId;
    }

    public Segment segment() {
        return segment;
    }

    public boolean delivered() {
        return delivered;
    }

    public boolean used() {
        return used;
    }

    public boolean replaced() {
        return replaced;
    }

    public PendingResponse pending() {
        return pending;
    }
}
