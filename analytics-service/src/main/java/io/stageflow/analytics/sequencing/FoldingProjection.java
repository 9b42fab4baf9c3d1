package io.stageflow.analytics.sequencing;

import io.stageflow.platform.messaging.IncomingEvent;
import java.util.List;

/**
 * A {@link SequencedProjection} whose state per aggregate is one document that an event turns into the next one in
 * memory. That lets {@link BatchDelivery} fold a whole batch of events into the documents it touches and write each
 * of them once, instead of reading and writing the store for every event (see ADR 0011).
 *
 * @param <D> the document type, one document per aggregate, carrying the aggregate's last applied {@code sequence}
 */
public interface FoldingProjection<E, D> extends SequencedProjection<E> {

    /** The type of the documents the aggregates' states are kept in; its collection holds a {@code sequence} field. */
    Class<D> documentType();

    /** The id of the document that holds the state of the event's aggregate. */
    String documentId(IncomingEvent<E> event);

    /** The id of a document, the same {@link #documentId} gives for its aggregate's events. */
    String documentId(D document);

    /** The sequence of the aggregate's last event folded into the document. */
    long sequenceOf(D document);

    /**
     * The document after {@code event}, whose sequence is exactly one more than {@code current}'s; {@code current}
     * is null when the event is the aggregate's first. Pure: no store access, the same result for the same input, so
     * an event that cannot be folded never can be (it is poison).
     */
    D fold(D current, IncomingEvent<E> event);

    /**
     * Documents of other types the event adds, written before the aggregate's document moves past the event. Each
     * must be identified by the event, so that writing it again keeps one document.
     */
    default List<Object> alongside(IncomingEvent<E> event) {
        return List.of();
    }
}
