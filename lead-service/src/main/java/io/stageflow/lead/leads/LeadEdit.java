package io.stageflow.lead.leads;

import java.util.Map;
import java.util.Set;

/**
 * A person's edit of a lead. {@code null} leaves a field as it is; an empty string clears a text field.
 * {@code status} may move a lead forward to CONTACTED or NURTURING; other statuses have their own actions.
 */
public record LeadEdit(
        Profile profile,
        String ownerId,
        Set<String> tags,
        Map<String, String> attributes,
        Consent consent,
        LeadStatus status) {}
