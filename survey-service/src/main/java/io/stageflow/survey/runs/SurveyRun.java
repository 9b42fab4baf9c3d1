package io.stageflow.survey.runs;

import io.stageflow.events.survey.NumericAnswer;
import io.stageflow.events.survey.Segment;
import io.stageflow.events.survey.SegmentInvitations;
import io.stageflow.events.survey.SurveyAnswered;
import io.stageflow.events.survey.SurveyRunClosed;
import io.stageflow.events.survey.SurveyRunOpened;
import io.stageflow.platform.outbox.AggregateRoot;
import io.stageflow.survey.surveys.EnpsScale;
import io.stageflow.survey.surveys.Question;
import io.stageflow.survey.surveys.Survey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One run of a survey: its window, the questions as they were when it opened (answers are checked against
 * these, whatever happens to the survey later), how many were invited, and which batches of answers it has
 * published. Only the scheduler, holding its lock, changes a run.
 */
@Document("survey_runs")
@CompoundIndexes({
    @CompoundIndex(name = "survey_number", def = "{'tenantId': 1, 'surveyId': 1, 'number': 1}"),
    @CompoundIndex(name = "status_closes", def = "{'status': 1, 'closesAt': 1}")
})
public class SurveyRun extends AggregateRoot {

    @Id
    private String id;

    private String tenantId;
    private String surveyId;
    private int number;
    /** The scheduled occurrence this run stands for; null when opened by hand. */
    private Integer occurrence;

    private String title;
    private List<Question> questions;
    private String enpsQuestionId;
    private EnpsScale enpsScale;
    private String timeZone;
    private String language;

    private Instant opensAt;
    private Instant closesAt;
    private Instant remindAt;
    private RunStatus status;
    private int invited;
    private List<SegmentInvitations> invitedBySegment = new ArrayList<>();
    private boolean reminderSent;
    /** Batches of responses already published: releasing one again does nothing. */
    private Set<String> releasedBatches = new TreeSet<>();

    private int publishedResponses;
    private Instant closedAt;
    /** Whether the link between tokens and people has been removed after closing. */
    private boolean rosterDeleted;

    @Version
    private Long version;

    protected SurveyRun() {}

    /** The id of a survey's run {@code number}: the same on every instance, so a run is only ever opened once. */
    public static String idFor(String surveyId, int number) {
        return UUID.nameUUIDFromBytes(("survey-run:" + surveyId + ":" + number).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    static SurveyRun opening(Survey survey, int number, Integer occurrence, Instant opensAt, Duration reminderBefore) {
        var run = new SurveyRun();
        run.id = idFor(survey.id(), number);
        run.tenantId = survey.tenantId();
        run.surveyId = survey.id();
        run.number = number;
        run.occurrence = occurrence;
        run.title = survey.title();
        run.questions = survey.questions();
        run.enpsQuestionId = survey.enpsQuestionId();
        run.enpsScale = survey.enpsScale();
        run.timeZone = survey.timeZone();
        run.language = survey.language();
        run.opensAt = opensAt;
        run.closesAt = opensAt.plus(survey.window());
        Duration half = survey.window().dividedBy(2);
        run.remindAt = run.closesAt.minus(reminderBefore.compareTo(half) > 0 ? half : reminderBefore);
        run.status = RunStatus.OPENING;
        return run;
    }

    /** Every invitation is out: the run accepts answers. */
    void opened(List<Segment> invitedSegments) {
        Map<Segment, Integer> counts = new LinkedHashMap<>();
        invitedSegments.forEach(segment -> counts.merge(segment, 1, Integer::sum));
        invited = invitedSegments.size();
        invitedBySegment = counts.entrySet().stream()
                .map(entry -> new SegmentInvitations(entry.getKey(), entry.getValue()))
                .toList();
        status = RunStatus.OPEN;
        record(new SurveyRunOpened(surveyId, id, number, opensAt, closesAt, invited, invitedBySegment));
    }

    public boolean acceptsAnswersAt(Instant now) {
        return status == RunStatus.OPEN && now.isBefore(closesAt);
    }

    boolean hasReleased(String batchId) {
        return releasedBatches.contains(batchId);
    }

    /** Publishes a batch of responses, in an order that says nothing about when each came in. */
    void release(String batchId, List<Response> responses) {
        if (!releasedBatches.add(batchId)) {
            return;
        }
        responses.stream().sorted(Comparator.comparing(Response::id)).forEach(response -> {
            List<NumericAnswer> numbers = response.answers().stream()
                    .filter(answer -> answer.value() != null)
                    .map(answer -> new NumericAnswer(answer.questionId(), answer.value()))
                    .toList();
            record(new SurveyAnswered(surveyId, id, response.id(), response.segment(), response.answeredOn(), numbers));
        });
        publishedResponses += responses.size();
    }

    void reminded() {
        reminderSent = true;
    }

    void close(Instant now) {
        status = RunStatus.CLOSED;
        closedAt = now;
        record(new SurveyRunClosed(surveyId, id, invited, publishedResponses, now));
    }

    void rosterDeleted() {
        rosterDeleted = true;
    }

    @Override
    public String aggregateId() {
        return id;
    }

    @Override
    public String tenantId() {
        return tenantId;
    }

    public String id() {
        return id;
    }

    public String surveyId() {
        return surveyId;
    }

    public int number() {
        return number;
    }

    public Integer occurrence() {
        return occurrence;
    }

    public String title() {
        return title;
    }

    public List<Question> questions() {
        return questions;
    }

    public String enpsQuestionId() {
        return enpsQuestionId;
    }

    public EnpsScale enpsScale() {
        return enpsScale;
    }

    public String timeZone() {
        return timeZone;
    }

    public String language() {
        return language;
    }

    public Instant opensAt() {
        return opensAt;
    }

    public Instant closesAt() {
        return closesAt;
    }

    public Instant remindAt() {
        return remindAt;
    }

    public RunStatus status() {
        return status;
    }

    public int invited() {
        return invited;
    }

    public List<SegmentInvitations> invitedBySegment() {
        return invitedBySegment;
    }

    public boolean reminderSent() {
        return reminderSent;
    }

    public int publishedResponses() {
        return publishedResponses;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public boolean isRosterDeleted() {
        return rosterDeleted;
    }

    public Long version() {
        return version;
    }
}
