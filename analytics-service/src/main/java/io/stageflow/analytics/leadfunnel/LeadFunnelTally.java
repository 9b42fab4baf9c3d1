package io.stageflow.analytics.leadfunnel;

import io.stageflow.analytics.tallying.Counters;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Counts the lead funnel from the leads of a cohort, each given with the furthest step it reached and whether it was
 * disqualified at the instant asked about. Pure arithmetic, no store: the same tally serves every instant, and the
 * stored tally of a tenant ({@link LeadTallySubject}) is read back into one ({@link #of}).
 */
final class LeadFunnelTally {

    private static final String KIND = "lead";

    private final Counts all = new Counts();
    // HashMap, because null (no source, no campaign) is a group of its own
    private final Map<String, Counts> bySource = new HashMap<>();
    private final Map<String, Counts> byCampaign = new HashMap<>();

    void add(String source, String campaign, LeadStep reached, boolean disqualified) {
        add(source, campaign, reached, disqualified, 1);
    }

    private void add(String source, String campaign, LeadStep reached, boolean disqualified, long leads) {
        all.add(reached, disqualified, leads);
        bySource.computeIfAbsent(source, key -> new Counts()).add(reached, disqualified, leads);
        byCampaign.computeIfAbsent(campaign, key -> new Counts()).add(reached, disqualified, leads);
    }

    /** The counter one lead's share of a stored tally is: a lead of a source and campaign that got so far. */
    static String key(String source, String campaign, LeadStep reached, boolean disqualified) {
        return Counters.key(KIND, reached.name(), disqualified ? "1" : "0", source, campaign);
    }

    /** The funnel a stored tally holds: its counters, as {@link #key} named them. */
    static LeadFunnelTally of(Counters sum) {
        LeadFunnelTally tally = new LeadFunnelTally();
        sum.partsOf(KIND)
                .forEach((parts, leads) -> tally.add(
                        parts.get(2), parts.get(3), LeadStep.valueOf(parts.get(0)), "1".equals(parts.get(1)), leads));
        return tally;
    }

    LeadFunnel result(LeadFunnelQuery query) {
        List<LeadFunnel.SourceFunnel> sources = sorted(
                bySource,
                (key, c) -> new LeadFunnel.SourceFunnel(
                        key, c.at(0), c.at(1), c.at(2), c.at(3), c.at(4), c.disqualified, c.rates()));
        List<LeadFunnel.CampaignFunnel> campaigns = sorted(
                byCampaign,
                (key, c) -> new LeadFunnel.CampaignFunnel(
                        key, c.at(0), c.at(1), c.at(2), c.at(3), c.at(4), c.disqualified, c.rates()));
        return new LeadFunnel(
                query.from(),
                query.to(),
                query.asOf(),
                all.at(0),
                all.at(1),
                all.at(2),
                all.at(3),
                all.at(4),
                all.disqualified,
                all.rates(),
                sources,
                campaigns);
    }

    /** The largest group first; groups of equal size by name, the one without a name last. */
    private static <T> List<T> sorted(Map<String, Counts> groups, BiFunction<String, Counts, T> row) {
        Comparator<Map.Entry<String, Counts>> order = Comparator.<Map.Entry<String, Counts>>comparingLong(
                        e -> e.getValue().at(0))
                .reversed()
                .thenComparing(Map.Entry::getKey, Comparator.nullsLast(Comparator.naturalOrder()));
        return groups.entrySet().stream()
                .sorted(order)
                .map(e -> row.apply(e.getKey(), e.getValue()))
                .toList();
    }

    /** {@code part / whole} to 3 decimals, half up; null when {@code whole} is 0: no rate rather than a guess. */
    static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 3, RoundingMode.HALF_UP);
    }

    /** Leads that reached each step (by {@link LeadStep} ordinal), and those disqualified. */
    private static final class Counts {

        final long[] reached = new long[LeadStep.values().length];
        long disqualified;

        void add(LeadStep furthest, boolean isDisqualified, long leads) {
            // reaching a step means having passed every earlier one
            for (int step = 0; step <= furthest.ordinal(); step++) {
                reached[step] += leads;
            }
            if (isDisqualified) {
                disqualified += leads;
            }
        }

        long at(int step) {
            return reached[step];
        }

        LeadFunnel.Rates rates() {
            return new LeadFunnel.Rates(
                    rate(at(1), at(0)), rate(at(2), at(1)), rate(at(3), at(2)), rate(at(4), at(3)), rate(at(4), at(0)));
        }
    }
}
