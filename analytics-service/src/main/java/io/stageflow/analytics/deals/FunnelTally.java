package io.stageflow.analytics.deals;

import io.stageflow.analytics.deals.DealHistory.DealState;
import io.stageflow.analytics.deals.DealHistory.StageVisit;
import io.stageflow.analytics.deals.DealHistory.StatusChange;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts one deal at a time into a funnel, so that a pipeline's deals can stream through it without being held in
 * memory: only one duration per deal and stage is kept, for the medians.
 */
final class FunnelTally {

    private final String pipelineId;
    private final PipelineDefinition.Version pipeline;
    private final DealQuery query;
    private final List<PipelineDefinition.Stage> stages;
    private final Map<String, Integer> position = new HashMap<>();
    private final long[] entered;
    private final long[] current;
    private final long[] advanced;
    private final BigInteger[] finishedMillis;
    private final List<List<Long>> finishedMillisPerDeal = new ArrayList<>();
    private final CurrencySums openValue = new CurrencySums();
    private long deals;
    private long won;
    private long lost;
    private long open;

    FunnelTally(String pipelineId, PipelineDefinition.Version pipeline, DealQuery query) {
        this.pipelineId = pipelineId;
        this.pipeline = pipeline;
        this.query = query;
        this.stages = pipeline.openStages();
        for (int i = 0; i < stages.size(); i++) {
            position.put(stages.get(i).key(), i);
            finishedMillisPerDeal.add(new ArrayList<>());
        }
        entered = new long[stages.size()];
        current = new long[stages.size()];
        advanced = new long[stages.size()];
        finishedMillis = new BigInteger[stages.size()];
        Arrays.fill(finishedMillis, BigInteger.ZERO);
    }

    void add(DealHistory deal) {
        if (!query.createdInPeriod(deal.createdAt())) {
            return;
        }
        Optional<DealState> at = deal.at(query.asOf(), pipeline);
        if (at.isEmpty()) {
            return;
        }
        DealState state = at.get();
        deals++;
        switch (state.status()) {
            case WON -> won++;
            case LOST -> lost++;
            case OPEN -> {
                open++;
                Integer stage = position.get(state.stageKey());
                if (stage != null) {
                    current[stage]++;
                }
                openValue.add(state.amount(), state.probability());
            }
        }
        List<StageVisit> visits = deal.visitsUntil(query.asOf());
        List<Instant> wins = deal.statusesUntil(query.asOf()).stream()
                .filter(status -> status.status() == DealStatus.WON)
                .map(StatusChange::at)
                .toList();
        for (int stage = 0; stage < stages.size(); stage++) {
            countStage(stage, visits, wins);
        }
    }

    private void countStage(int stage, List<StageVisit> visits, List<Instant> wins) {
        String key = stages.get(stage).key();
        int first = -1;
        long finished = 0;
        boolean left = false;
        for (int i = 0; i < visits.size(); i++) {
            StageVisit visit = visits.get(i);
            if (!visit.stageKey().equals(key)) {
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
        entered[stage]++;
        if (advancedAfter(stage, first, visits, wins)) {
            advanced[stage]++;
        }
        if (left) {
            finishedMillis[stage] = finishedMillis[stage].add(BigInteger.valueOf(finished));
            finishedMillisPerDeal.get(stage).add(finished);
        }
    }

    /** Whether, after first entering the stage, the deal was ever in a later open stage or won. */
    private boolean advancedAfter(int stage, int firstVisit, List<StageVisit> visits, List<Instant> wins) {
        for (int i = firstVisit + 1; i < visits.size(); i++) {
            Integer later = position.get(visits.get(i).stageKey());
            if (later != null && later > stage) {
                return true;
            }
        }
        Instant enteredAt = visits.get(firstVisit).enteredAt();
        return wins.stream().anyMatch(wonAt -> !wonAt.isBefore(enteredAt));
    }

    DealFunnel result() {
        List<DealFunnel.Stage> result = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            var stage = stages.get(i);
            List<Long> perDeal = finishedMillisPerDeal.get(i);
            result.add(new DealFunnel.Stage(
                    stage.key(),
                    stage.name(),
                    stage.probability(),
                    entered[i],
                    current[i],
                    advanced[i],
                    Figures.fraction(advanced[i], entered[i]),
                    entered[i] - advanced[i],
                    Figures.averageHours(finishedMillis[i], perDeal.size()),
                    Figures.medianHours(perDeal)));
        }
        return new DealFunnel(
                pipelineId,
                pipeline.name(),
                pipeline.pipelineVersion(),
                query.asOf(),
                query.from(),
                query.to(),
                deals,
                List.copyOf(result),
                won,
                lost,
                open,
                Figures.fraction(won, won + lost),
                openValue.values(),
                openValue.weightedValues());
    }
}
