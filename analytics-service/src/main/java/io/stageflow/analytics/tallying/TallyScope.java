package io.stageflow.analytics.tallying;

import org.bson.Document;

/**
 * One tally and its members: {@code members} is the plain filter that finds them (a compound index's fields, ADR
 * 0007), {@code version} what the tally must be kept for, {@code context} what shares are reckoned with.
 */
public record TallyScope<C>(String tallyId, String tenantId, long version, Document members, C context) {}
