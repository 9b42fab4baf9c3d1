package io.stageflow.deal.deals;

import io.stageflow.events.Money;
import java.time.LocalDate;
import java.util.Set;

/**
 * A person's change to a deal: null leaves a field as it is. {@code clearProbability} returns the deal to its
 * stage's probability.
 */
public record DealEdit(
        String title,
        Money amount,
        String ownerId,
        String company,
        LocalDate expectedCloseDate,
        Integer probability,
        boolean clearProbability,
        Set<String> labels) {}
