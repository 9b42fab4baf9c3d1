package io.stageflow.analytics.deals;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Sales velocity as of an instant: open deals × average won deal value × win rate ÷ average sales cycle, the value
 * a pipeline (and each owner's part of it) turns into won business per day. Every factor is shown. See
 * docs/metrics.md.
 */
record SalesVelocity(
        String pipelineId,
        String pipelineName,
        long pipelineVersion,
        Instant asOf,
        Factors pipeline,
        List<OwnerFactors> owners) {

    /**
     * The factors of one scope (the pipeline, or the deals one person owns as of {@code asOf}).
     *
     * @param winRate won / (won + lost), null when none closed
     * @param averageSalesCycleDays mean days from creation to winning over the won deals, null when none was won
     * @param currencies the value factors and the velocity, per currency of the deals' amounts
     */
    record Factors(
            long openDeals,
            long wonDeals,
            long lostDeals,
            BigDecimal winRate,
            BigDecimal averageSalesCycleDays,
            List<CurrencyFactors> currencies) {}

    /** {@code ownerId} null for deals nobody owns. */
    record OwnerFactors(String ownerId, @JsonUnwrapped Factors factors) {}

    /**
     * @param openDeals open deals with an amount in this currency
     * @param wonDeals won deals with an amount in this currency
     * @param averageWonValue their mean amount in major units (a decimal string), null when none
     * @param velocityPerDay openDeals × averageWonValue × winRate ÷ averageSalesCycleDays, null when a factor is
     *     missing or the cycle is 0
     */
    record CurrencyFactors(
            String currency, long openDeals, long wonDeals, String averageWonValue, String velocityPerDay) {}
}
