package io.stageflow.survey.oneonones.web;

import io.stageflow.platform.security.Caller;
import io.stageflow.platform.web.IfMatch;
import io.stageflow.survey.oneonones.ActionItem;
import io.stageflow.survey.oneonones.Meeting;
import io.stageflow.survey.oneonones.OneOnOne;
import io.stageflow.survey.oneonones.OneOnOneCadence;
import io.stageflow.survey.oneonones.OneOnOneManagement;
import io.stageflow.survey.oneonones.OneOnOneManagement.Change;
import io.stageflow.survey.oneonones.OneOnOneManagement.NewOneOnOne;
import io.stageflow.survey.oneonones.OneOnOneManagement.Role;
import io.stageflow.survey.oneonones.OneOnOneManagement.Viewed;
import io.stageflow.survey.oneonones.PrivateNote;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/one-on-ones")
class OneOnOneController {

    private final OneOnOneManagement oneOnOnes;

    OneOnOneController(OneOnOneManagement oneOnOnes) {
        this.oneOnOnes = oneOnOnes;
    }

    /** A meeting as a participant sees it; administrators get only the dates. */
    record MeetingBody(
            int number,
            Instant scheduledAt,
            Instant heldAt,
            List<?> agenda,
            String sharedNotes,
            String myPrivateNote) {}

    /**
     * Participants see everything shared and their own private notes; HR and admins ({@code role}
     * ADMINISTRATOR) see who meets whom and when, and counts of open action items, but no agenda and no notes.
     */
    record OneOnOneBody(
            String id,
            String managerId,
            String reportId,
            OneOnOneCadence cadence,
            int durationMinutes,
            String timeZone,
            boolean active,
            Role role,
            MeetingBody nextMeeting,
            List<MeetingBody> pastMeetings,
            List<ActionItem> openActionItems,
            List<ActionItem> doneActionItems,
            Integer openActionItemCount,
            long version) {

        static OneOnOneBody of(Viewed viewed) {
            OneOnOne o = viewed.oneOnOne();
            boolean participant = viewed.role() != Role.ADMINISTRATOR;
            Map<Integer, String> myNotes = new TreeMap<>();
            for (PrivateNote note : viewed.myNotes()) {
                myNotes.put(note.meetingNumber(), note.text());
            }
            List<MeetingBody> meetings = o.meetings().stream()
                    .map(m -> meeting(m, participant, myNotes))
                    .toList();
            List<ActionItem> open =
                    o.actionItems().stream().filter(item -> !item.done()).toList();
            return new OneOnOneBody(
                    o.id(),
                    o.managerId(),
                    o.reportId(),
                    o.cadence(),
                    o.durationMinutes(),
                    o.timeZone(),
                    o.active(),
                    viewed.role(),
                    meetings.getLast(),
                    meetings.subList(0, meetings.size() - 1).reversed(),
                    participant ? open : null,
                    participant
                            ? o.actionItems().stream().filter(ActionItem::done).toList()
                            : null,
                    open.size(),
                    o.version() == null ? 0 : o.version());
        }

        private static MeetingBody meeting(Meeting m, boolean participant, Map<Integer, String> myNotes) {
            return participant
                    ? new MeetingBody(
                            m.number(),
                            m.scheduledAt(),
                            m.heldAt(),
                            m.agenda(),
                            m.sharedNotes(),
                            myNotes.get(m.number()))
                    : new MeetingBody(m.number(), m.scheduledAt(), m.heldAt(), null, null, null);
        }
    }

    record Text(String text) {}

    record NewActionItem(String text, String ownerId, LocalDate dueOn) {}

    record MarkActionItem(boolean done) {}

    @PostMapping
    ResponseEntity<OneOnOneBody> start(Caller caller, @RequestBody NewOneOnOne request) {
        Viewed started = oneOnOnes.start(caller, request);
        return ResponseEntity.created(
                        URI.create("/api/v1/one-on-ones/" + started.oneOnOne().id()))
                .body(OneOnOneBody.of(started));
    }

    @GetMapping
    Map<String, List<OneOnOneBody>> list(Caller caller) {
        return Map.of(
                "items", oneOnOnes.list(caller).stream().map(OneOnOneBody::of).toList());
    }

    @GetMapping("/{id}")
    OneOnOneBody get(Caller caller, @PathVariable String id) {
        return OneOnOneBody.of(oneOnOnes.get(caller, id));
    }

    /** Cadence, duration, pausing ({@code active}) or moving the next meeting ({@code nextMeetingAt}). */
    @PatchMapping("/{id}")
    OneOnOneBody change(
            Caller caller,
            @PathVariable String id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestBody Change change) {
        return OneOnOneBody.of(oneOnOnes.change(caller, id, IfMatch.expectedVersion(ifMatch), change));
    }

    /** Adds a talking point to the next meeting's shared agenda. */
    @PostMapping("/{id}/agenda")
    OneOnOneBody addTalkingPoint(Caller caller, @PathVariable String id, @RequestBody Text point) {
        return OneOnOneBody.of(oneOnOnes.addTalkingPoint(caller, id, point.text()));
    }

    @PutMapping("/{id}/meetings/{number}/shared-notes")
    OneOnOneBody sharedNotes(
            Caller caller, @PathVariable String id, @PathVariable int number, @RequestBody Text notes) {
        return OneOnOneBody.of(oneOnOnes.writeSharedNotes(caller, id, number, notes.text()));
    }

    @PutMapping("/{id}/meetings/{number}/private-note")
    OneOnOneBody privateNote(Caller caller, @PathVariable String id, @PathVariable int number, @RequestBody Text note) {
        return OneOnOneBody.of(oneOnOnes.writePrivateNote(caller, id, number, note.text()));
    }

    /** The meeting took place; the next one is scheduled and open action items carry over to it. */
    @PostMapping("/{id}/meetings/{number}/held")
    OneOnOneBody held(Caller caller, @PathVariable String id, @PathVariable int number) {
        return OneOnOneBody.of(oneOnOnes.held(caller, id, number));
    }

    @PostMapping("/{id}/action-items")
    ResponseEntity<OneOnOneBody> addActionItem(
            Caller caller, @PathVariable String id, @RequestBody NewActionItem item) {
        return ResponseEntity.status(201)
                .body(OneOnOneBody.of(oneOnOnes.addActionItem(caller, id, item.text(), item.ownerId(), item.dueOn())));
    }

    @PatchMapping("/{id}/action-items/{itemId}")
    OneOnOneBody markActionItem(
            Caller caller, @PathVariable String id, @PathVariable String itemId, @RequestBody MarkActionItem mark) {
        return OneOnOneBody.of(oneOnOnes.markActionItem(caller, id, itemId, mark.done()));
    }
}
