package io.stageflow.lead.leads;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Engagement marketing automation reports; each kind earns scoring points. */
public enum ActivityType {
    FORM_SUBMISSION,
    PAGE_VISIT,
    EMAIL_CLICK;

    /** The wire name: {@code form-submission}, {@code page-visit}, {@code email-click}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<ActivityType> fromKey(String key) {
        return Arrays.stream(values()).filter(type -> type.key().equals(key)).findFirst();
    }
}
