package io.stageflow.lead.leads;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything known about a person at one moment, from a form, an import or marketing automation.
 * {@code intakeKey} makes a repeated delivery of the same report harmless; {@code observedAt} decides
 * whose values win when it is merged into an existing lead.
 */
public record LeadDraft(
        String email,
        Profile profile,
        String source,
        Attribution attribution,
        Consent consent,
        String ownerId,
        Set<String> tags,
        Map<String, String> attributes,
        List<Activity> activities,
        String intakeKey,
        Instant observedAt) {

    public LeadDraft {
        profile = profile == null ? Profile.EMPTY : profile;
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        activities = activities == null ? List.of() : List.copyOf(activities);
    }
}
