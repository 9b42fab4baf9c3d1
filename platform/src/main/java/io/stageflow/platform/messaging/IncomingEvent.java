package io.stageflow.platform.messaging;

import java.time.Instant;

/**
 * An event read from Kafka: the CloudEvents attributes plus the typed data. {@code subject} is the
 * aggregate id and {@code sequence} the aggregate's version after this event (0 for events that belong to
 * no aggregate's history, such as intake).
 */
public record IncomingEvent<E>(
        String id, String type, String source, String subject, String tenantId, long sequence, Instant time, E data) {}
