package io.stageflow.survey.oneonones;

import java.util.List;
import org.springframework.data.repository.Repository;

/**
 * Private notes can only be read together with their author: this repository offers no other way to read
 * them (no find-all, no find-by-id), so no code path can show one person's note to another.
 */
public interface PrivateNotes extends Repository<PrivateNote, String> {

    PrivateNote save(PrivateNote note);

    List<PrivateNote> findByOneOnOneIdAndAuthorUserId(String oneOnOneId, String authorUserId);
}
