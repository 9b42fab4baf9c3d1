package io.stageflow.lead.leads;

import java.time.Instant;

/**
 * Filters for listing leads; every one optional. {@code text} matches name, email and company
 * (case-insensitive, anywhere). {@code sort} is createdAt, updatedAt or score, with a leading '-' for
 * descending; {@code cursor} continues after the last lead of the previous page.
 */
public record LeadSearch(
        LeadStatus status,
        String source,
        String campaign,
        String ownerId,
        Integer minScore,
        Integer maxScore,
        Instant createdFrom,
        Instant createdTo,
        String text,
        String sort,
        String cursor,
        int limit) {}
