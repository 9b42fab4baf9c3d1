package io.stageflow.survey.oneonones;

import io.stageflow.platform.outbox.AggregateStore;
import io.stageflow.platform.security.Caller;
import io.stageflow.platform.web.FieldError;
import io.stageflow.platform.web.ForbiddenException;
import io.stageflow.platform.web.IfMatch;
import io.stageflow.platform.web.InvalidInputException;
import io.stageflow.platform.web.ResourceNotFoundException;
import io.stageflow.survey.SurveyRoles;
import io.stageflow.survey.TimeZones;
import io.stageflow.survey.employees.Employee;
import io.stageflow.survey.employees.EmployeeDirectory;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;

/**
 * One-on-ones and who may see what of them. The two participants (recognised by their login, the
 * employee's {@code userId}) see and edit everything shared, and their own private notes. HR and admins
 * administer them (who meets whom, how often, whether meetings take place) without agenda or notes.
 * Anyone else gets 404, as if it did not exist.
 */
@Service
public class OneOnOneManagement {

    static final int MAX_TEXT = 5000;
    static final int MAX_POINT = 500;

    private final OneOnOnes oneOnOnes;
    private final PrivateNotes privateNotes;
    private final EmployeeDirectory directory;
    private final AggregateStore store;
    private final Clock clock;

    OneOnOneManagement(
            OneOnOnes oneOnOnes,
            PrivateNotes privateNotes,
            EmployeeDirectory directory,
            AggregateStore store,
            Clock clock) {
        this.oneOnOnes = oneOnOnes;
        this.privateNotes = privateNotes;
        this.directory = directory;
        this.store = store;
        this.clock = clock;
    }

    /** What the caller is to a one-on-one. */
    public enum Role {
        MANAGER,
        REPORT,
        ADMINISTRATOR
    }

    public record Viewed(OneOnOne oneOnOne, Role role, List<PrivateNote> myNotes) {}

    public record NewOneOnOne(
            String managerId,
            String reportId,
            OneOnOneCadence cadence,
            Integer durationMinutes,
            String timeZone,
            Instant firstMeetingAt) {}

    public record Change(OneOnOneCadence cadence, Integer durationMinutes, Boolean active, Instant nextMeetingAt) {}

    /** HR, admins, or the manager themself set one up. */
    public Viewed start(Caller caller, NewOneOnOne request) {
        List<FieldError> problems = new ArrayList<>();
        Employee manager = employee(caller.tenantId(), request.managerId(), "managerId", problems);
        Employee report = employee(caller.tenantId(), request.reportId(), "reportId", problems);
        if (request.managerId() != null && request.managerId().equals(request.reportId())) {
            problems.add(new FieldError("reportId", "must be someone other than the manager"));
        }
        if (request.cadence() == null) {
            problems.add(new FieldError("cadence", "is required: WEEKLY, BIWEEKLY or MONTHLY"));
        }
        int duration = request.durationMinutes() == null ? 60 : request.durationMinutes();
        checkDuration(duration, problems);
        ZoneId zone = TimeZones.parse(request.timeZone(), problems);
        if (request.firstMeetingAt() == null) {
            problems.add(new FieldError("firstMeetingAt", "is required"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Employee me = directory.byUserId(caller.tenantId(), caller.userId());
        boolean isManager = me != null && me.id().equals(manager.id());
        if (!isManager && !SurveyRoles.isHr(caller)) {
            throw new ForbiddenException("Only the manager, HR or an admin can set up a one-on-one");
        }
        OneOnOne created = store.save(OneOnOne.start(
                caller.tenantId(),
                manager.id(),
                report.id(),
                request.cadence(),
                duration,
                zone,
                request.firstMeetingAt(),
                clock.instant()));
        return view(caller, created, roleOf(caller, me, created));
    }

    public List<Viewed> list(Caller caller) {
        Map<String, OneOnOne> found = new LinkedHashMap<>();
        Employee me = directory.byUserId(caller.tenantId(), caller.userId());
        if (me != null) {
            oneOnOnes.findByTenantIdAndManagerId(caller.tenantId(), me.id()).forEach(o -> found.put(o.id(), o));
            oneOnOnes.findByTenantIdAndReportId(caller.tenantId(), me.id()).forEach(o -> found.put(o.id(), o));
        }
        if (SurveyRoles.isHr(caller)) {
            oneOnOnes.findByTenantId(caller.tenantId()).forEach(o -> found.putIfAbsent(o.id(), o));
        }
        return found.values().stream()
                .map(o -> view(caller, o, roleOf(caller, me, o)))
                .toList();
    }

    public Viewed get(Caller caller, String id) {
        Access access = load(caller, id);
        return view(caller, access.oneOnOne(), access.role());
    }

    public Viewed change(Caller caller, String id, Long expectedVersion, Change change) {
        List<FieldError> problems = new ArrayList<>();
        if (change.durationMinutes() != null) {
            checkDuration(change.durationMinutes(), problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return update(
                caller,
                id,
                expectedVersion,
                false,
                oneOnOne -> oneOnOne.change(
                        change.cadence(),
                        change.durationMinutes(),
                        change.active(),
                        change.nextMeetingAt(),
                        clock.instant()));
    }

    public Viewed addTalkingPoint(Caller caller, String id, String text) {
        requireText("text", text, MAX_POINT);
        return update(caller, id, null, true, o -> o.addTalkingPoint(text.strip(), caller.userId(), clock.instant()));
    }

    public Viewed writeSharedNotes(Caller caller, String id, int meetingNumber, String text) {
        optionalText("text", text);
        return update(caller, id, null, true, o -> o.writeSharedNotes(meetingNumber, text, clock.instant()));
    }

    public Viewed addActionItem(Caller caller, String id, String text, String ownerId, LocalDate dueOn) {
        requireText("text", text, MAX_POINT);
        return update(caller, id, null, true, o -> {
            if (ownerId != null && !ownerId.equals(o.managerId()) && !ownerId.equals(o.reportId())) {
                throw new InvalidInputException(
                        List.of(new FieldError("ownerId", "must be the manager or the report of this one-on-one")));
            }
            o.addActionItem(text.strip(), ownerId == null ? o.reportId() : ownerId, dueOn, clock.instant());
        });
    }

    public Viewed markActionItem(Caller caller, String id, String itemId, boolean done) {
        return update(caller, id, null, true, o -> o.markActionItem(itemId, done, clock.instant()));
    }

    public Viewed held(Caller caller, String id, int meetingNumber) {
        return update(caller, id, null, false, o -> o.held(meetingNumber, clock.instant()));
    }

    /** Writes the caller's own private note on a meeting; nobody else can ever read it. */
    public Viewed writePrivateNote(Caller caller, String id, int meetingNumber, String text) {
        optionalText("text", text);
        Access access = load(caller, id);
        OneOnOne oneOnOne = access.oneOnOne();
        if (access.role() == Role.ADMINISTRATOR) {
            throw new ForbiddenException("Only the two participants keep private notes on a one-on-one");
        }
        if (!oneOnOne.hasMeeting(meetingNumber)) {
            throw new ResourceNotFoundException("Meeting", String.valueOf(meetingNumber));
        }
        privateNotes.save(new PrivateNote(
                PrivateNote.idFor(id, meetingNumber, caller.userId()),
                caller.tenantId(),
                id,
                meetingNumber,
                caller.userId(),
                text,
                clock.instant()));
        return view(caller, oneOnOne, access.role());
    }

    private Viewed update(
            Caller caller, String id, Long expectedVersion, boolean participantsOnly, Consumer<OneOnOne> change) {
        Access access = load(caller, id);
        OneOnOne oneOnOne = access.oneOnOne();
        if (participantsOnly && access.role() == Role.ADMINISTRATOR) {
            throw new ForbiddenException("Only the two participants change the agenda, notes and action items");
        }
        if (expectedVersion != null) {
            IfMatch.check(expectedVersion, oneOnOne.version());
        }
        change.accept(oneOnOne);
        return view(caller, store.save(oneOnOne), access.role());
    }

    /** A one-on-one and what the caller is to it, found with one directory lookup. */
    private record Access(OneOnOne oneOnOne, Role role) {}

    private Access load(Caller caller, String id) {
        OneOnOne oneOnOne = oneOnOnes
                .findById(id)
                .filter(o -> o.tenantId().equals(caller.tenantId()))
                .orElseThrow(() -> new ResourceNotFoundException("One-on-one", id));
        Role role = roleOf(caller, directory.byUserId(caller.tenantId(), caller.userId()), oneOnOne);
        if (role == null) {
            throw new ResourceNotFoundException("One-on-one", id);
        }
        return new Access(oneOnOne, role);
    }

    /** {@code me}: the caller's own employee record, or null when they have none. */
    private static Role roleOf(Caller caller, Employee me, OneOnOne oneOnOne) {
        if (me != null && me.id().equals(oneOnOne.managerId())) {
            return Role.MANAGER;
        }
        if (me != null && me.id().equals(oneOnOne.reportId())) {
            return Role.REPORT;
        }
        return SurveyRoles.isHr(caller) ? Role.ADMINISTRATOR : null;
    }

    private Viewed view(Caller caller, OneOnOne oneOnOne, Role role) {
        List<PrivateNote> mine = role == Role.ADMINISTRATOR
                ? List.of()
                : privateNotes.findByOneOnOneIdAndAuthorUserId(oneOnOne.id(), caller.userId());
        return new Viewed(oneOnOne, role, mine);
    }

    private Employee employee(String tenantId, String id, String field, List<FieldError> problems) {
        if (id == null || id.isBlank()) {
            problems.add(new FieldError(field, "is required"));
            return null;
        }
        try {
            return directory.get(tenantId, id);
        } catch (ResourceNotFoundException e) {
            problems.add(new FieldError(field, "no employee has this id"));
            return null;
        }
    }

    private static void checkDuration(int minutes, List<FieldError> problems) {
        if (minutes < 15 || minutes > 240) {
            problems.add(new FieldError("durationMinutes", "must be 15 to 240 minutes"));
        }
    }

    private static void requireText(String field, String text, int max) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(List.of(new FieldError(field, "is required")));
        }
        if (text.length() > max) {
            throw new InvalidInputException(List.of(new FieldError(field, "must be at most " + max + " characters")));
        }
    }

    private static void optionalText(String field, String text) {
        if (text != null && text.length() > MAX_TEXT) {
            throw new InvalidInputException(
                    List.of(new FieldError(field, "must be at most " + MAX_TEXT + " characters")));
        }
    }
}
