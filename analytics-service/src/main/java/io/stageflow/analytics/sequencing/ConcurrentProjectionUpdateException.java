package io.stageflow.analytics.sequencing;

/** Another consumer applied an event to the same aggregate first; the record is retried and then skipped. */
public class ConcurrentProjectionUpdateException extends RuntimeException {

    public ConcurrentProjectionUpdateException(String projection, String aggregateKey, long expectedSequence) {
        super(projection + " of " + aggregateKey + " is no longer at sequence " + expectedSequence);
    }
}
