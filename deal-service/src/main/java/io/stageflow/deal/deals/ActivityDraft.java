package io.stageflow.deal.deals;

import java.time.Instant;

/** A next step someone plans on a deal. */
public record ActivityDraft(ActivityType type, String subject, Instant dueAt) {}
