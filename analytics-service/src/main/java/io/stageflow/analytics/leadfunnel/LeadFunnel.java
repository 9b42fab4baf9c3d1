package io.stageflow.analytics.leadfunnel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The lead funnel of the leads created from {@code from} to {@code to} (the cohort), as it stood {@code asOf}: how
 * many reached each step (created, MQL, SQL, converted, won; a step counts every lead that reached it or a later
 * one), how many were disqualified at {@code asOf}, the conversion rates between the steps, in all, per source and
 * per UTM campaign. {@code created} and {@code bySource[].created} are the counts the endpoint answered before the
 * later steps existed.
 */
public record LeadFunnel(
        Instant from,
        Instant to,
        Instant asOf,
        long created,
        long mql,
        long sql,
        long converted,
        long won,
        long disqualified,
        Rates rates,
        List<SourceFunnel> bySource,
        List<CampaignFunnel> byCampaign) {

    /**
     * Each step's count over the one before it, and won over created: fractions to 3 decimals, rounded half up, null
     * when the step before counted no lead.
     */
    public record Rates(
            BigDecimal createdToMql,
            BigDecimal mqlToSql,
            BigDecimal sqlToConverted,
            BigDecimal convertedToWon,
            BigDecimal createdToWon) {}

    /** The same counts for the leads of one source (the channel that brought them); null for leads without one. */
    public record SourceFunnel(
            String source,
            long created,
            long mql,
            long sql,
            long converted,
            long won,
            long disqualified,
            Rates rates) {}

    /** The same counts for the leads of one UTM campaign; {@code campaign} null for the leads without one. */
    public record CampaignFunnel(
            String campaign,
            long created,
            long mql,
            long sql,
            long converted,
            long won,
            long disqualified,
            Rates rates) {}
}
