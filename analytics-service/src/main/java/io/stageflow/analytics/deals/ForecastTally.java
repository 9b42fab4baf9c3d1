package io.stageflow.analytics.deals;

import io.stageflow.analytics.deals.DealHistory.DealState;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Counts one deal at a time into a pipeline's forecast as of an instant. */
final class ForecastTally {

    /** Months in calendar order; deals without an expected close date last. */
    private static final Comparator<YearMonth> MONTHS = Comparator.nullsLast(Comparator.naturalOrder());

    private final String pipelineId;
    private final PipelineDefinition.Version pipeline;
    private final DealQuery query;
    private final CurrencySums total = new CurrencySums();
    private final Map<YearMonth, CurrencySums> byMonth = new TreeMap<>(MONTHS);
    private final Map<String, Map<YearMonth, CurrencySums>> byOwner = new HashMap<>();
    private final Map<YearMonth, CurrencySums> unowned = new TreeMap<>(MONTHS);
    private final Map<String, long[]> openAndStaleByStage = new LinkedHashMap<>();
    private final Map<String, long[]> unlistedStages = new TreeMap<>();
    private long openDeals;

    ForecastTally(String pipelineId, PipelineDefinition.Version pipeline, DealQuery query) {
        this.pipelineId = pipelineId;
        this.pipeline = pipeline;
        this.query = query;
        pipeline.openStages().forEach(stage -> openAndStaleByStage.put(stage.key(), new long[2]));
    }

    void add(DealHistory deal) {
        Optional<DealState> at = deal.at(query.asOf(), pipeline);
        if (at.isEmpty() || !at.get().open()) {
            return;
        }
        DealState state = at.get();
        openDeals++;
        YearMonth month = state.expectedCloseDate() == null ? null : YearMonth.from(state.expectedCloseDate());
        total.add(state.amount(), state.probability());
        byMonth.computeIfAbsent(month, m -> new CurrencySums()).add(state.amount(), state.probability());
        (state.ownerId() == null ? unowned : byOwner.computeIfAbsent(state.ownerId(), id -> new TreeMap<>(MONTHS)))
                .computeIfAbsent(month, m -> new CurrencySums())
                .add(state.amount(), state.probability());
        long[] counts = openAndStaleByStage.get(state.stageKey());
        if (counts == null) {
            counts = unlistedStages.computeIfAbsent(state.stageKey(), key -> new long[2]);
        }
        counts[0]++;
        if (state.stale()) {
            counts[1]++;
        }
    }

    DealForecast result() {
        List<DealForecast.OwnerMonths> owners = new ArrayList<>();
        byOwner.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(owner -> owners.add(new DealForecast.OwnerMonths(owner.getKey(), months(owner.getValue()))));
        if (!unowned.isEmpty()) {
            owners.add(new DealForecast.OwnerMonths(null, months(unowned)));
        }
        List<DealForecast.StageStaleness> staleness = new ArrayList<>();
        openAndStaleByStage.forEach((key, counts) -> staleness.add(new DealForecast.StageStaleness(
                key, pipeline.stage(key).map(PipelineDefinition.Stage::name).orElse(null), counts[0], counts[1])));
        unlistedStages.forEach(
                (key, counts) -> staleness.add(new DealForecast.StageStaleness(key, null, counts[0], counts[1])));
        return new DealForecast(
                pipelineId,
                pipeline.name(),
                pipeline.pipelineVersion(),
                query.asOf(),
                openDeals,
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
}
