package io.stageflow.platform.outbox;

import java.time.Instant;

/**
 * One event waiting, inside its aggregate's document, to be published. {@code data} is the JSON body, kept
 * as a string so the relay needs no knowledge of the event's type. {@code traceparent} is the W3C trace context
 * of the request that recorded the event (null outside one), so the trace continues when the relay publishes it.
 */
public record OutboxEntry(
        String eventId,
        String type,
        String topic,
        String source,
        String subject,
        String tenantId,
        long sequence,
        Instant time,
        String data,
        String traceparent) {}
