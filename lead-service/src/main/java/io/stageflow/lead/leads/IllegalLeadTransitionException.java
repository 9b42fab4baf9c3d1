package io.stageflow.lead.leads;

import io.stageflow.platform.web.ConflictException;
import java.util.Map;

/** The lead's current status does not allow this change; nothing was changed. */
public class IllegalLeadTransitionException extends ConflictException {

    public IllegalLeadTransitionException(LeadStatus from, String action) {
        super(
                "illegal-transition",
                "A lead in status " + from + " cannot " + action,
                Map.of("status", from.name(), "action", action));
    }

    public IllegalLeadTransitionException(String detail) {
        super("illegal-transition", detail, Map.of());
    }
}
