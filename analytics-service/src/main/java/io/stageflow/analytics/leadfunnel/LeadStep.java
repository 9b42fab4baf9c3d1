package io.stageflow.analytics.leadfunnel;

/**
 * The steps of the lead funnel, in order. A lead that reached a step has passed every earlier one, even when
 * lead-service moved it past them at once (scoring straight to SQL, a conversion without MQL): the funnel counts
 * "reached at least", so each step's count is never above the one before it.
 */
enum LeadStep {
    CREATED,
    MQL,
    SQL,
    CONVERTED,
    WON;

    /**
     * The furthest step a lead in {@code status} has reached by being in it; null for {@code DISQUALIFIED}, which
     * reaches nothing (the lead keeps what it reached before). Statuses before qualification, and any this version
     * does not know, are only {@link #CREATED}. {@link #WON} is never a lead status: it is read from the deal.
     */
    static LeadStep reachedIn(String status) {
        if (status == null) {
            return CREATED;
        }
        return switch (status) {
            case "MQL" -> MQL;
            case "SQL" -> SQL;
            case "CONVERTED" -> CONVERTED;
            case "DISQUALIFIED" -> null;
            default -> CREATED;
        };
    }

    boolean atLeast(LeadStep other) {
        return compareTo(other) >= 0;
    }
}
