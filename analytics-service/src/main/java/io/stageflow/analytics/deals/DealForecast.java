package io.stageflow.analytics.deals;

import java.time.Instant;
import java.util.List;

/**
 * What the open deals of a pipeline are expected to bring, as of an instant: amounts weighted by the probability in
 * effect, by the month the deals are expected to close, for the pipeline and per owner; and how many open deals
 * are stale in each stage. Deals without an amount are counted in {@code openDeals} and the stale counts only.
 * See docs/metrics.md.
 *
 * @param months per expected close month ({@code "2026-04"}; null for deals without a date) and currency
 * @param staleDeals every open stage in pipeline order (then stages the pipeline no longer lists, if deals are in
 *     them) with its open and stale deals
 */
record DealForecast(
        String pipelineId,
        String pipelineName,
        long pipelineVersion,
        Instant asOf,
        long openDeals,
        List<CurrencyValue> openValue,
        List<CurrencyValue> weightedValue,
        List<Month> months,
        List<OwnerMonths> owners,
        List<StageStaleness> staleDeals) {

    /** The open deals with an amount in {@code currency} expected to close in {@code month}. */
    record Month(String month, String currency, long deals, String value, String weightedValue) {}

    /** {@code ownerId} null for deals nobody owns. */
    record OwnerMonths(String ownerId, List<Month> months) {}

    /** {@code name} null for a stage the pipeline version no longer lists. */
    record StageStaleness(String key, String name, long open, long stale) {}
}
