package io.stageflow.deal.deals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;

/**
 * Filters of the deal list; null means "any". {@code minAmount}/{@code maxAmount} are in major units of
 * {@code currency}, which they require. {@code stale} and {@code overdue} are evaluated at the time of asking.
 */
public record DealSearch(
        String pipelineId,
        String stageKey,
        String ownerId,
        DealStatus status,
        String label,
        LocalDate closeFrom,
        LocalDate closeTo,
        Currency currency,
        BigDecimal minAmount,
        BigDecimal maxAmount,
        Boolean stale,
        Boolean overdue,
        String sort,
        String cursor,
        int limit) {}
