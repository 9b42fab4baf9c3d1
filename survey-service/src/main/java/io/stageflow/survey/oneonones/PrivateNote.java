package io.stageflow.survey.oneonones;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A participant's private note on one meeting, kept apart from the one-on-one so no view of it can include
 * someone else's: the id holds the author, and notes are only ever read by the caller's own user id. Not HR,
 * not admins.
 */
@Document("one_on_one_private_notes")
public record PrivateNote(
        @Id String id,
        String tenantId,
        String oneOnOneId,
        int meetingNumber,
        String authorUserId,
        String text,
        Instant updatedAt) {

    static String idFor(String oneOnOneId, int meetingNumber, String authorUserId) {
        return oneOnOneId + ":" + meetingNumber + ":" + authorUserId;
    }
}
