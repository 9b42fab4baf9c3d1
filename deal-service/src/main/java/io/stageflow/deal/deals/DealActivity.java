package io.stageflow.deal.deals;

import java.time.Instant;

/** A next step on a deal: a call, meeting, email or task, due at a time, done or not. */
public record DealActivity(
        String id, ActivityType type, String subject, Instant dueAt, boolean done, Instant doneAt, Instant createdAt) {}
