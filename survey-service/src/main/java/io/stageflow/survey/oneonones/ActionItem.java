package io.stageflow.survey.oneonones;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Something one of the two agreed to do. It belongs to the one-on-one, not to a meeting, so it shows up at
 * every meeting until it is done.
 */
public record ActionItem(
        String id, String text, String ownerId, LocalDate dueOn, int agreedInMeeting, boolean done, Instant doneAt) {

    ActionItem markDone(boolean nowDone, Instant now) {
        return new ActionItem(id, text, ownerId, dueOn, agreedInMeeting, nowDone, nowDone ? now : null);
    }
}
