package io.stageflow.survey.oneonones;

import io.stageflow.events.survey.OneOnOneHeld;
import io.stageflow.platform.outbox.AggregateRoot;
import io.stageflow.platform.web.ConflictException;
import io.stageflow.platform.web.ResourceNotFoundException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Recurring meetings between a manager and a report: the meetings with their shared agenda and notes, and
 * the action items that carry over until done. The only thing that leaves survey-service is that a meeting
 * took place ({@link OneOnOneHeld}: manager and month).
 */
@Document("one_on_ones")
@CompoundIndexes({
    @CompoundIndex(name = "tenant_manager", def = "{'tenantId': 1, 'managerId': 1}"),
    @CompoundIndex(name = "tenant_report", def = "{'tenantId': 1, 'reportId': 1}")
})
public class OneOnOne extends AggregateRoot {

    @Id
    private String id;

    private String tenantId;
    private String managerId;
    private String reportId;
    private OneOnOneCadence cadence;
    private int durationMinutes;
    private String timeZone;
    private boolean active;
    private List<Meeting> meetings = new ArrayList<>();
    private List<ActionItem> actionItems = new ArrayList<>();
    private Instant createdAt;
    private Instant updatedAt;

    @Version
    private Long version;

    protected OneOnOne() {}

    static OneOnOne start(
            String tenantId,
            String managerId,
            String reportId,
            OneOnOneCadence cadence,
            int durationMinutes,
            ZoneId zone,
            Instant firstMeetingAt,
            Instant now) {
        var oneOnOne = new OneOnOne();
        oneOnOne.id = UUID.randomUUID().toString();
        oneOnOne.tenantId = tenantId;
        oneOnOne.managerId = managerId;
        oneOnOne.reportId = reportId;
        oneOnOne.cadence = cadence;
        oneOnOne.durationMinutes = durationMinutes;
        oneOnOne.timeZone = zone.getId();
        oneOnOne.active = true;
        oneOnOne.meetings.add(Meeting.scheduled(1, firstMeetingAt));
        oneOnOne.createdAt = now;
        oneOnOne.updatedAt = now;
        return oneOnOne;
    }

    public Meeting currentMeeting() {
        return meetings.getLast();
    }

    void addTalkingPoint(String text, String addedBy, Instant now) {
        Meeting current = currentMeeting();
        meetings.set(
                meetings.size() - 1,
                current.withPoint(new TalkingPoint(UUID.randomUUID().toString(), text, addedBy, now)));
        updatedAt = now;
    }

    void writeSharedNotes(int meetingNumber, String text, Instant now) {
        int index = indexOf(meetingNumber);
        meetings.set(index, meetings.get(index).withSharedNotes(text));
        updatedAt = now;
    }

    ActionItem addActionItem(String text, String ownerId, LocalDate dueOn, Instant now) {
        var item = new ActionItem(
                UUID.randomUUID().toString(),
                text,
                ownerId,
                dueOn,
                currentMeeting().number(),
                false,
                null);
        actionItems.add(item);
        updatedAt = now;
        return item;
    }

    ActionItem markActionItem(String itemId, boolean done, Instant now) {
        for (int i = 0; i < actionItems.size(); i++) {
            if (actionItems.get(i).id().equals(itemId)) {
                ActionItem changed = actionItems.get(i).markDone(done, now);
                actionItems.set(i, changed);
                updatedAt = now;
                return changed;
            }
        }
        throw new ResourceNotFoundException("Action item", itemId);
    }

    /** The current meeting took place: it is closed and the next one is scheduled by the cadence. */
    void held(int meetingNumber, Instant now) {
        Meeting current = currentMeeting();
        if (current.number() != meetingNumber) {
            throw new ConflictException(
                    "meeting-not-current",
                    "Meeting " + meetingNumber + " is not the upcoming one; meeting " + current.number() + " is",
                    Map.of("currentMeeting", current.number()));
        }
        meetings.set(meetings.size() - 1, current.held(now));
        ZoneId zone = ZoneId.of(timeZone);
        ZonedDateTime next = cadence.after(current.scheduledAt().atZone(zone));
        while (!next.toInstant().isAfter(now)) {
            next = cadence.after(next);
        }
        meetings.add(Meeting.scheduled(meetingNumber + 1, next.toInstant()));
        updatedAt = now;
        record(new OneOnOneHeld(id, managerId, YearMonth.from(now.atZone(zone))));
    }

    void change(
            OneOnOneCadence newCadence, Integer newDuration, Boolean newActive, Instant nextMeetingAt, Instant now) {
        if (newCadence != null) {
            cadence = newCadence;
        }
        if (newDuration != null) {
            durationMinutes = newDuration;
        }
        if (newActive != null) {
            active = newActive;
        }
        if (nextMeetingAt != null) {
            Meeting current = currentMeeting();
            meetings.set(
                    meetings.size() - 1,
                    new Meeting(current.number(), nextMeetingAt, null, current.agenda(), current.sharedNotes()));
        }
        updatedAt = now;
    }

    boolean hasMeeting(int number) {
        return number >= 1 && number <= meetings.size();
    }

    private int indexOf(int meetingNumber) {
        if (!hasMeeting(meetingNumber)) {
            throw new ResourceNotFoundException("Meeting", String.valueOf(meetingNumber));
        }
        return meetingNumber - 1;
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

    public String managerId() {
        return managerId;
    }

    public String reportId() {
        return reportId;
    }

    public OneOnOneCadence cadence() {
        return cadence;
    }

    public int durationMinutes() {
        return durationMinutes;
    }

    public String timeZone() {
        return timeZone;
    }

    public boolean active() {
        return active;
    }

    public List<Meeting> meetings() {
        return List.copyOf(meetings);
    }

    public List<ActionItem> actionItems() {
        return List.copyOf(actionItems);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Long version() {
        return version;
    }
}
