package io.stageflow.analytics.deals;

import io.stageflow.analytics.deals.DealHistory.DealState;
import io.stageflow.analytics.deals.DealHistory.StageVisit;
import io.stageflow.analytics.deals.DealHistory.StatusChange;
import io.stageflow.analytics.tallying.Counters;
import io.stageflow.events.Money;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The deal funnel and forecast of a pipeline as a sum of counters, one deal's share at a time ({@link #of}). Both
 * ways of answering go through it: a query that reads every history sums the shares there and then (ADR 0009), and
 * the tallier keeps the sum for "now" in the store, adding the difference whenever a deal's share changes (ADR 0014).
 * Because both render the same kind of sum with the same code, they cannot disagree.
 *
 * <p>Durations for the medians are counted per 0.01-hour cell, the resolution the funnel shows, so the sum stays
 * small however many deals the pipeline holds.
 */
final class DealTally {

    /** Months in calendar order; deals without an expected close date last. */
    private static final Comparator<YearMonth> MONTHS = Comparator.nullsLast(Comparator.naturalOrder());

    private final Counters counters;

    DealTally() {
        this(new Counters());
    }

    private DealTally(Counters counters) {
        this.counters = counters;
    }

    /** A sum read back from the store. */
    static DealTally of(Counters counters) {
        return new DealTally(counters);
    }

    /**
     * One deal's share of its pipeline's figures as of {@code asOf}, read with {@code pipeline}'s stages; empty for a
     * deal created after {@code asOf}.
     */
    static DealTally of(DealHistory deal, PipelineDefinition.Version pipeline, Instant asOf) {
        DealTally share = new DealTally();
        Optional<DealState> at = deal.at(asOf, pipeline);
        if (at.isEmpty()) {
            return share;
        }
        DealState state = at.get();
        share.add("deals", 1);
        switch (state.status()) {
            case WON -> share.add("won", 1);
            case LOST -> share.add("lost", 1);
            case OPEN -> share.addOpen(state);
        }
        List<StageVisit> visits = deal.visitsUntil(asOf);
        List<Instant> wins = deal.statusesUntil(asOf).stream()
                .filter(status -> status.status() == DealStatus.WON)
                .map(StatusChange::at)
                .toList();
        List<PipelineDefinition.Stage> stages = pipeline.openStages();
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < stages.size(); i++) {
            position.put(stages.get(i).key(), i);
        }
        for (int stage = 0; stage < stages.size(); stage++) {
            share.addStage(stage, stages.get(stage).key(), position, visits, wins);
        }
        return share;
    }

    private void addOpen(DealState state) {
        add("open", 1);
        add(Counters.key("owner", state.ownerId()), 1);
        add(Counters.key("current", state.stageKey()), 1);
        add(Counters.key("inStage", state.stageKey()), 1);
        if (state.stale()) {
            add(Counters.key("staleIn", state.stageKey()), 1);
        }
        Money amount = state.amount();
        if (amount == null || amount.currency() == null) {
            return;
        }
        String month = state.expectedCloseDate() == null
                ? null
                : YearMonth.from(state.expectedCloseDate()).toString();
        String cell = Counters.key("forecast", month, state.ownerId(), amount.currency());
        add(cell + "|deals", 1);
        add(cell + "|value", amount.minorUnits());
        add(cell + "|weighted", Math.multiplyExact(amount.minorUnits(), (long) state.probability()));
    }

    private void addStage(
            int stage, String stageKey, Map<String, Integer> position, List<StageVisit> visits, List<Instant> wins) {
        int first = -1;
        long finished = 0;
        boolean left = false;
        for (int i = 0; i < visits.size(); i++) {
            StageVisit visit = visits.get(i);
            if (!visit.stageKey().equals(stageKey)) {
                continue;
            }
            if (first < 0) {
                first = i;
            }
            if (visit.leftAt() != null) {
                finished += Duration.between(visit.enteredAt(), visit.leftAt()).toMillis();
                left = true;
            }
        }
        if (first < 0) {
            return;
        }
        add(Counters.key("entered", stageKey), 1);
        if (advancedAfter(stage, first, position, visits, wins)) {
            add(Counters.key("advanced", stageKey), 1);
        }
        if (left) {
            add(Counters.key("finished", stageKey), 1);
            add(Counters.key("finishedMillis", stageKey), finished);
            add(Counters.key("cell", stageKey, Long.toString(Figures.hundredthsOfHour(finished))), 1);
        }
    }

    /** Whether, after first entering the stage, the deal was ever in a later open stage or won. */
    private static boolean advancedAfter(
            int stage, int firstVisit, Map<String, Integer> position, List<StageVisit> visits, List<Instant> wins) {
        for (int i = firstVisit + 1; i < visits.size(); i++) {
            Integer later = position.get(visits.get(i).stageKey());
            if (later != null && later > stage) {
                return true;
            }
        }
        Instant enteredAt = visits.get(firstVisit).enteredAt();
        return wins.stream().anyMatch(wonAt -> !wonAt.isBefore(enteredAt));
    }

    void add(DealTally other) {
        counters.add(other.counters);
    }

    /** What has to be added to {@code before} to make it this: the change of one deal's share. */
    DealTally minus(DealTally before) {
        return new DealTally(counters.minus(before.counters));
    }

    boolean isEmpty() {
        return counters.isEmpty();
    }

    Counters counters() {
        return counters;
    }

    long get(String kind, String... parts) {
        return counters.get(Counters.key(kind, parts));
    }

    private void add(String key, long value) {
        counters.add(key, value);
    }

    // --- rendering -----------------------------------------------------------------------------------------------

    DealFunnel funnel(String pipelineId, PipelineDefinition.Version pipeline, DealQuery query) {
        List<DealFunnel.Stage> stages = new ArrayList<>();
        for (var stage : pipeline.openStages()) {
            long entered = get("entered", stage.key());
            long advanced = get("advanced", stage.key());
            long finished = get("finished", stage.key());
            stages.add(new DealFunnel.Stage(
                    stage.key(),
                    stage.name(),
                    stage.probability(),
                    entered,
                    get("current", stage.key()),
                    advanced,
                    Figures.fraction(advanced, entered),
                    entered - advanced,
                    Figures.averageHours(BigInteger.valueOf(get("finishedMillis", stage.key())), finished),
                    Figures.medianHours(cells(stage.key()))));
        }
        CurrencySums open = new CurrencySums();
        forecastCells().forEach(cell -> open.add(cell.currency(), cell.deals(), cell.value(), cell.weighted()));
        long won = get("won");
        long lost = get("lost");
        return new DealFunnel(
                pipelineId,
                pipeline.name(),
                pipeline.pipelineVersion(),
                query.asOf(),
                query.from(),
                query.to(),
                get("deals"),
                List.copyOf(stages),
                won,
                lost,
                get("open"),
                Figures.fraction(won, won + lost),
                open.values(),
                open.weightedValues());
    }

    DealForecast forecast(String pipelineId, PipelineDefinition.Version pipeline, DealQuery query) {
        CurrencySums total = new CurrencySums();
        Map<YearMonth, CurrencySums> byMonth = new TreeMap<>(MONTHS);
        Map<String, Map<YearMonth, CurrencySums>> byOwner =
                new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        for (ForecastCell cell : forecastCells()) {
            YearMonth month = cell.month() == null ? null : YearMonth.parse(cell.month());
            total.add(cell.currency(), cell.deals(), cell.value(), cell.weighted());
            byMonth.computeIfAbsent(month, m -> new CurrencySums())
                    .add(cell.currency(), cell.deals(), cell.value(), cell.weighted());
            byOwner.computeIfAbsent(cell.ownerId(), o -> new TreeMap<>(MONTHS))
                    .computeIfAbsent(month, m -> new CurrencySums())
                    .add(cell.currency(), cell.deals(), cell.value(), cell.weighted());
        }
        // an owner whose open deals have no amount is listed, without months
        counters.partsOf("owner")
                .keySet()
                .forEach(parts -> byOwner.computeIfAbsent(parts.getFirst(), o -> new TreeMap<>(MONTHS)));
        List<DealForecast.OwnerMonths> owners = new ArrayList<>();
        byOwner.forEach((owner, months) -> owners.add(new DealForecast.OwnerMonths(owner, months(months))));
        List<DealForecast.StageStaleness> staleness = new ArrayList<>();
        List<String> listed = new ArrayList<>();
        for (var stage : pipeline.openStages()) {
            listed.add(stage.key());
            staleness.add(new DealForecast.StageStaleness(
                    stage.key(), stage.name(), get("inStage", stage.key()), get("staleIn", stage.key())));
        }
        new TreeMap<>(stageKeys("inStage")).forEach((key, open) -> {
            if (!listed.contains(key)) {
                staleness.add(new DealForecast.StageStaleness(key, null, open, get("staleIn", key)));
            }
        });
        return new DealForecast(
                pipelineId,
                pipeline.name(),
                pipeline.pipelineVersion(),
                query.asOf(),
                get("open"),
                total.values(),
                total.weightedValues(),
                months(byMonth),
                List.copyOf(owners),
                List.copyOf(staleness));
    }

    private static List<DealForecast.Month> months(Map<YearMonth, CurrencySums> byMonth) {
        List<DealForecast.Month> rows = new ArrayList<>();
        byMonth.forEach((month, sums) -> sums.currencies()
                .forEach(currency -> rows.add(new DealForecast.Month(
                        month == null ? null : month.toString(),
                        currency,
                        sums.deals(currency),
                        sums.value(currency).value(),
                        sums.weighted(currency).value()))));
        return List.copyOf(rows);
    }

    private record ForecastCell(String month, String ownerId, String currency, long deals, long value, long weighted) {}

    private List<ForecastCell> forecastCells() {
        List<ForecastCell> cells = new ArrayList<>();
        counters.partsOf("forecast").forEach((parts, count) -> {
            if (parts.getLast().equals("deals")) {
                String cell = Counters.key("forecast", parts.get(0), parts.get(1), parts.get(2));
                cells.add(new ForecastCell(
                        parts.get(0),
                        parts.get(1),
                        parts.get(2),
                        count,
                        counters.get(cell + "|value"),
                        counters.get(cell + "|weighted")));
            }
        });
        return cells;
    }

    /** The counters of one kind keyed by a stage alone, by stage key. */
    private Map<String, Long> stageKeys(String kind) {
        Map<String, Long> byStage = new HashMap<>();
        counters.partsOf(kind).forEach((parts, count) -> byStage.put(parts.getFirst(), count));
        return byStage;
    }

    /** Count of durations per 0.01-hour cell of one stage, cells in ascending order. */
    private TreeMap<Long, Long> cells(String stageKey) {
        TreeMap<Long, Long> cells = new TreeMap<>();
        counters.partsOf("cell").forEach((parts, count) -> {
            if (parts.get(0).equals(stageKey)) {
                cells.put(Long.parseLong(parts.get(1)), count);
            }
        });
        return cells;
    }
}
