package io.stageflow.lead.leads;

import java.time.Instant;

/**
 * Engagement of a lead: {@code count} occurrences at {@code at}. {@code key} identifies the report it came
 * from, so the same report applied twice counts once.
 */
public record Activity(ActivityType type, Instant at, int count, String key) {}
