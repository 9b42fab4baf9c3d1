package io.stageflow.lead.leads;

public enum LeadStatus {
    NEW,
    CONTACTED,
    NURTURING,
    MQL,
    SQL,
    CONVERTED,
    DISQUALIFIED
}
