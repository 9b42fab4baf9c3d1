package io.stageflow.platform.metrics;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * A service's business metrics, counted from the events its aggregates stored: each service implements one
 * with a switch over its sealed event type. Called once per event after the write that stored it succeeded.
 * Tags carry only bounded values (a status, a source from a fixed list, a pipeline id), never a person or
 * free text.
 */
public interface EventMeters {

    void count(Object event, MeterRegistry meters);
}
