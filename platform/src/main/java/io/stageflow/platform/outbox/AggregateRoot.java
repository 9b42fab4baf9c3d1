package io.stageflow.platform.outbox;

import java.util.ArrayList;
import java.util.List;
import org.springframework.data.annotation.Transient;

/**
 * Base of every aggregate document that publishes events. A state change records its event here; saving
 * the aggregate writes the new state and the event (as an {@link OutboxEntry}) in one document write, so
 * neither exists without the other. The relay publishes and removes entries afterwards.
 */
public abstract class AggregateRoot {

    /** The stored field that marks an aggregate whose outbox holds entries. */
    static final String PENDING_FIELD = "outboxPending";

    /** The number of events this aggregate has ever recorded: the {@code sequence} of the last one. */
    private long sequence;

    private List<OutboxEntry> outbox = new ArrayList<>();

    /**
     * True from the write that adds entries to the outbox until the relay has published them all; absent
     * otherwise. A sweep for entries no save announced finds them through a sparse index on this field instead of
     * scanning every aggregate (see {@link OutboxRelay}).
     */
    private Boolean outboxPending;

    @Transient
    private final List<Object> recordedEvents = new ArrayList<>();

    @Transient
    private List<Object> eventsOfLastWrite = List.of();

    public abstract String aggregateId();

    public abstract String tenantId();

    protected void record(Object event) {
        recordedEvents.add(event);
    }

    public long sequence() {
        return sequence;
    }

    /** Events recorded since the aggregate was last saved; what the next save will put into the outbox. */
    public List<Object> recordedEvents() {
        return List.copyOf(recordedEvents);
    }

    /** The events the latest write of this aggregate stored with it, for listeners told after that write. */
    public List<Object> eventsOfLastWrite() {
        return eventsOfLastWrite;
    }

    public List<OutboxEntry> outbox() {
        return List.copyOf(outbox);
    }

    /**
     * Moves recorded events into the outbox, numbering them; called just before the document is written.
     *
     * @return the entries added
     */
    List<OutboxEntry> stageRecordedEvents(OutboxEntryFactory factory) {
        List<OutboxEntry> staged = new ArrayList<>(recordedEvents.size());
        for (Object event : recordedEvents) {
            sequence++;
            staged.add(factory.entryFor(this, sequence, event));
        }
        outbox.addAll(staged);
        if (!staged.isEmpty()) {
            outboxPending = true;
        }
        eventsOfLastWrite = List.copyOf(recordedEvents);
        recordedEvents.clear();
        return staged;
    }

    interface OutboxEntryFactory {
        OutboxEntry entryFor(AggregateRoot aggregate, long sequence, Object event);
    }
}
