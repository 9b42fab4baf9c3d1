package io.stageflow.analytics.deals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A pipeline's funnel as of an instant, over the deals created in the period (all without one). See
 * docs/metrics.md for every definition and a worked example.
 *
 * @param deals the deals counted: created by {@code asOf} (and in the period)
 * @param stages the open stages in pipeline order
 * @param won deals won as of {@code asOf}
 * @param lost deals lost as of {@code asOf}
 * @param open deals open as of {@code asOf}
 * @param winRate won / (won + lost), null when none closed
 * @param openValue amounts of the open deals, per currency
 * @param weightedValue amounts of the open deals × their probability, per currency
 */
record DealFunnel(
        String pipelineId,
        String pipelineName,
        long pipelineVersion,
        Instant asOf,
        LocalDate from,
        LocalDate to,
        long deals,
        List<Stage> stages,
        long won,
        long lost,
        long open,
        BigDecimal winRate,
        List<CurrencyValue> openValue,
        List<CurrencyValue> weightedValue) {

    /**
     * One open stage.
     *
     * @param entered deals that were ever in the stage (once each, however often they came back)
     * @param current deals in the stage as of {@code asOf}
     * @param advanced deals that entered the stage and afterwards reached a later open stage or were won
     * @param conversionRate advanced / entered, null when none entered
     * @param dropOff entered − advanced
     * @param avgHoursInStage mean time per deal in the stage, over the deals that left it at least once (a deal's
     *     time is the sum of its finished stays)
     * @param medianHoursInStage the median of the same
     */
    record Stage(
            String key,
            String name,
            int probability,
            long entered,
            long current,
            long advanced,
            BigDecimal conversionRate,
            long dropOff,
            BigDecimal avgHoursInStage,
            BigDecimal medianHoursInStage) {}
}
