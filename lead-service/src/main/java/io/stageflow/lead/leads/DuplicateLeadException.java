package io.stageflow.lead.leads;

import io.stageflow.platform.web.ConflictException;
import java.util.Map;

/** A lead with this email already exists in the tenant; the answer names it so clients can use it. */
public class DuplicateLeadException extends ConflictException {

    public DuplicateLeadException(String existingLeadId) {
        super("duplicate-lead", "A lead with this email already exists", Map.of("existingLeadId", existingLeadId));
    }
}
