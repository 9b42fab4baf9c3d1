package io.stageflow.survey.oneonones;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One meeting of a one-on-one: when, whether it took place, its shared agenda and shared notes. */
public record Meeting(int number, Instant scheduledAt, Instant heldAt, List<TalkingPoint> agenda, String sharedNotes) {

    public Meeting {
        agenda = agenda == null ? List.of() : List.copyOf(agenda);
    }

    static Meeting scheduled(int number, Instant at) {
        return new Meeting(number, at, null, List.of(), null);
    }

    Meeting withPoint(TalkingPoint point) {
        List<TalkingPoint> points = new ArrayList<>(agenda);
        points.add(point);
        return new Meeting(number, scheduledAt, heldAt, points, sharedNotes);
    }

    Meeting withSharedNotes(String notes) {
        return new Meeting(number, scheduledAt, heldAt, agenda, notes);
    }

    Meeting held(Instant at) {
        return new Meeting(number, scheduledAt, at, agenda, sharedNotes);
    }
}
