package io.stageflow.analytics.sequencing;

import io.stageflow.platform.messaging.IncomingEvent;
import java.util.List;

/**
 * A read model that applies each aggregate's events exactly once and in sequence order. The projection
 * stores the last applied sequence in the same document as the state it derives, so state and
 * sequence can never disagree, whatever crashes in between. Every read and write names the {@link Generation}
 * it is for: a rebuild fills a new one while the serving one goes on.
 */
public interface SequencedProjection<E> {

    /** A stable name, used to keep this projection's parked events apart from others'. */
    String name();

    /** The document types this projection writes; a new generation gets a collection and the indexes of each. */
    List<Class<?>> documentTypes();

    /**
     * Base names of collections kept from this projection's documents by something other than the consumer (the
     * deal tallier's), which a generation owns as well: a rebuild drops them with the generation.
     */
    default List<String> derivedCollections() {
        return List.of();
    }

    /**
     * Whether this projection reads the event at all. A stream can carry several aggregates (surveys, runs,
     * one-on-ones share {@code survey-events}); a projection must not track the sequence of aggregates it
     * ignores, or their second event would be parked forever waiting for a first it never applied.
     */
    default boolean handles(IncomingEvent<E> event) {
        return true;
    }

    /** The last sequence applied for the event's aggregate in {@code generation}; 0 when none was. */
    long appliedSequence(IncomingEvent<E> event, Generation generation);

    /**
     * Applies an event whose sequence is exactly one more than {@link #appliedSequence}. Must write
     * state and sequence in one document update guarded by the previous sequence, and throw
     * {@link ConcurrentProjectionUpdateException} when the guard does not match.
     */
    void apply(IncomingEvent<E> event, Generation generation);
}
