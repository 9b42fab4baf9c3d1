package io.stageflow.survey.runs;

import io.stageflow.events.survey.Segment;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An anonymous response: no employee id, no token, no time of day, a random id (UUID version 4, which holds
 * no clock). What it keeps of the person is the segment copied at invitation, which results only show for
 * groups of at least 5. {@code batchId} says with which batch it was (or is being) published.
 */
@Document("survey_responses")
@CompoundIndex(name = "run_segment_batch", def = "{'runId': 1, 'segmentKey': 1, 'batchId': 1}")
public class Response {

    @Id
    private String id;

    private String tenantId;
    private String surveyId;
    private String runId;
    private Segment segment;
    /** The segment as one value, so a run's responses can be grouped by it in a query. */
    private String segmentKey;

    private LocalDate answeredOn;
    private List<StoredAnswer> answers;
    private String batchId;

    protected Response() {}

    static Response of(Invitation invitation, Invitation.PendingResponse pending) {
        var response = new Response();
        response.id = pending.responseId();
        response.tenantId = invitation.tenantId();
        response.surveyId = invitation.surveyId();
        response.runId = invitation.runId();
        response.segment = invitation.segment();
        response.segmentKey = keyOf(invitation.segment());
        response.answeredOn = pending.answeredOn();
        response.answers = pending.answers();
        return response;
    }

    static String keyOf(Segment segment) {
        return Stream.of(segment.team(), segment.department(), segment.location())
                .map(part -> part == null ? "" : part.replace("|", "||"))
                .collect(Collectors.joining("|"));
    }

    public String id() {
        return id;
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

    public Segment segment() {
        return segment;
    }

    public String segmentKey() {
        return segmentKey;
    }

    public LocalDate answeredOn() {
        return answeredOn;
    }

    public List<StoredAnswer> answers() {
        return answers;
    }

    public String batchId() {
        return batchId;
    }
}
