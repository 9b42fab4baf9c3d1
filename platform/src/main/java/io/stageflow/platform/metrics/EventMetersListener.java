package io.stageflow.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.stageflow.platform.outbox.AggregateRoot;
import io.stageflow.platform.outbox.AggregateSaveListener;
import java.util.List;

/** Hands the events of every successful aggregate write to the service's {@link EventMeters}. */
public class EventMetersListener implements AggregateSaveListener {

    private final List<EventMeters> meters;
    private final MeterRegistry registry;

    public EventMetersListener(List<EventMeters> meters, MeterRegistry registry) {
        this.meters = List.copyOf(meters);
        this.registry = registry;
    }

    @Override
    public void saved(AggregateRoot aggregate) {
        for (Object event : aggregate.eventsOfLastWrite()) {
            meters.forEach(meter -> meter.count(event, registry));
        }
    }
}
