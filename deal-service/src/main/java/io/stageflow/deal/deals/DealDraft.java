package io.stageflow.deal.deals;

import io.stageflow.events.Money;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** A deal as someone asks to open it; {@code stageKey} null means the pipeline's first open stage. */
public record DealDraft(
        String title,
        String stageKey,
        Money amount,
        String ownerId,
        String leadId,
        String company,
        LocalDate expectedCloseDate,
        Integer probability,
        Set<String> labels) {

    public DealDraft {
        // a null label stays in, so validation can name the field instead of failing here
        labels = labels == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(labels));
    }
}
