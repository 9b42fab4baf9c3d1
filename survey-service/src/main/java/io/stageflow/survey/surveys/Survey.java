package io.stageflow.survey.surveys;

import io.stageflow.events.survey.SurveyPublished;
import io.stageflow.events.survey.SurveyQuestion;
import io.stageflow.platform.outbox.AggregateRoot;
import io.stageflow.survey.surveys.SurveyValidation.Definition;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A pulse or eNPS survey and its schedule. It knows which run comes next ({@code nextRunNumber}) and when the
 * next scheduled one is due ({@code nextRunAt}); runs themselves are {@code SurveyRun}s.
 */
@Document("surveys")
@CompoundIndexes({
    @CompoundIndex(name = "tenant_created", def = "{'tenantId': 1, '_id': 1}"),
    @CompoundIndex(name = "due", def = "{'active': 1, 'nextRunAt': 1}")
})
public class Survey extends AggregateRoot {

    @Id
    private String id;

    private String tenantId;
    private String title;
    private SurveyKind kind;
    private List<Question> questions;
    private String enpsQuestionId;
    private EnpsScale enpsScale;
    private String language;
    private Cadence cadence;
    private String timeZone;
    private LocalDate startsOn;
    private LocalTime sendTime;
    private int windowDays;
    private Audience audience;
    private boolean active;

    /** Counts published definitions: the {@code surveyVersion} of {@link SurveyPublished}. */
    private long revision;

    private int nextRunNumber;
    /** Scheduled occurrences already opened (or skipped because their window had passed). */
    private int occurrencesUsed;

    private Instant nextRunAt;
    private Instant createdAt;
    private Instant updatedAt;

    @Version
    private Long version;

    protected Survey() {}

    static Survey create(String tenantId, String id, Definition definition, Instant now) {
        var survey = new Survey();
        survey.id = id;
        survey.tenantId = tenantId;
        survey.title = definition.title();
        survey.kind = definition.kind();
        survey.questions = definition.questions();
        survey.enpsQuestionId = definition.enpsQuestionId();
        survey.enpsScale = definition.enpsScale();
        survey.language = definition.language();
        survey.cadence = definition.cadence();
        survey.timeZone = definition.timeZone().getId();
        survey.startsOn = definition.startsOn();
        survey.sendTime = definition.sendTime();
        survey.windowDays = definition.windowDays();
        survey.audience = definition.audience();
        survey.active = true;
        survey.nextRunNumber = 1;
        survey.createdAt = now;
        survey.skipPassedOccurrences(now);
        survey.publish(now);
        return survey;
    }

    /** Renames, re-targets, pauses or resumes the survey; questions stay, so runs stay comparable. */
    void edit(String newTitle, Audience newAudience, Boolean newActive, Instant now) {
        if (newTitle != null) {
            title = newTitle.strip();
        }
        if (newAudience != null) {
            audience = newAudience;
        }
        if (newActive != null && newActive != active) {
            active = newActive;
            if (active) {
                skipPassedOccurrences(now);
            }
        }
        publish(now);
    }

    /**
     * Run {@code number} opened; {@code occurrence} is the scheduled occurrence it stands for, or null for a
     * run opened by hand. Occurrences whose window has already passed are skipped, not opened late.
     */
    public void runOpened(int number, Integer occurrence, Instant now) {
        nextRunNumber = Math.max(nextRunNumber, number + 1);
        if (occurrence != null && occurrence >= occurrencesUsed) {
            occurrencesUsed = occurrence + 1;
        }
        skipPassedOccurrences(now);
        updatedAt = now;
    }

    /** Where the run for {@code occurrence} would open; null when the cadence has no such occurrence. */
    public Instant occurrenceAt(int occurrence) {
        ZonedDateTime first = startsOn.atTime(sendTime).atZone(ZoneId.of(timeZone));
        ZonedDateTime at = cadence.occurrence(first, occurrence);
        return at == null ? null : at.toInstant();
    }

    public Duration window() {
        return Duration.ofDays(windowDays);
    }

    private void skipPassedOccurrences(Instant now) {
        Instant at = occurrenceAt(occurrencesUsed);
        while (at != null && !at.plus(window()).isAfter(now)) {
            occurrencesUsed++;
            at = occurrenceAt(occurrencesUsed);
        }
        nextRunAt = at;
    }

    private void publish(Instant now) {
        revision++;
        updatedAt = now;
        record(new SurveyPublished(
                id,
                title,
                kind.name(),
                questions.stream()
                        .map(q -> new SurveyQuestion(q.id(), q.type().name(), q.text(), q.options(), q.required()))
                        .toList(),
                enpsQuestionId,
                enpsScale == null ? null : enpsScale.name(),
                cadence.name(),
                timeZone,
                revision,
                now));
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

    public String title() {
        return title;
    }

    public SurveyKind kind() {
        return kind;
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

    public String language() {
        return language;
    }

    public Cadence cadence() {
        return cadence;
    }

    public String timeZone() {
        return timeZone;
    }

    public LocalDate startsOn() {
        return startsOn;
    }

    public LocalTime sendTime() {
        return sendTime;
    }

    public int windowDays() {
        return windowDays;
    }

    public Audience audience() {
        return audience;
    }

    public boolean active() {
        return active;
    }

    public long revision() {
        return revision;
    }

    public int nextRunNumber() {
        return nextRunNumber;
    }

    public int occurrencesUsed() {
        return occurrencesUsed;
    }

    public Instant nextRunAt() {
        return nextRunAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Long version() {
        return version;
    }
}
