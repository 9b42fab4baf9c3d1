package io.stageflow.platform.outbox;

/**
 * Told about every aggregate this instance wrote (inserted or saved), after the write
 * succeeded; for in-memory read models of the owning service that must reflect its own writes at once.
 */
public interface AggregateSaveListener {

    void saved(AggregateRoot aggregate);
}
