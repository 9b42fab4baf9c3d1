package io.stageflow.lead.leads;

import java.util.EnumSet;
import java.util.Set;

/** NEW → CONTACTED → NURTURING → MQL → SQL → CONVERTED, or DISQUALIFIED from any open status. */
public enum LeadStatus {
    NEW,
    CONTACTED,
    NURTURING,
    MQL,
    SQL,
    CONVERTED,
    DISQUALIFIED;

    private static final Set<LeadStatus> BEFORE_QUALIFICATION = EnumSet.of(NEW, CONTACTED, NURTURING);

    public boolean isOpen() {
        return this != CONVERTED && this != DISQUALIFIED;
    }

    /** Still worked by marketing: scoring may promote it to MQL. */
    public boolean isBeforeQualification() {
        return BEFORE_QUALIFICATION.contains(this);
    }

    /** Statuses a person sets by editing the lead; the others have their own actions. */
    public boolean isSetByEditing() {
        return this == CONTACTED || this == NURTURING;
    }
}
