package io.stageflow.analytics.deals;

import io.stageflow.analytics.SequencedHistory;
import io.stageflow.events.Money;
import io.stageflow.events.deal.DealCreated;
import io.stageflow.events.deal.DealEvent;
import io.stageflow.events.deal.DealWon;
import io.stageflow.events.deal.StageChanged;
import io.stageflow.platform.messaging.IncomingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: the deal history's fold, which keeps every stay of a deal in a stage so the funnel, velocity and forecast can
 * be asked as of any instant. One invocation folds a deal's ten events (created, eight moves forward and back,
 * won); the score is per event. Run with {@code ./stageflow bench jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DealHistoryFoldBenchmark {

    private static final int EVENTS = 10;
    private static final List<String> STAGES = List.of("qualification", "nurturing", "proposal", "negotiation");

    private final DealHistoryProjection projection = new DealHistoryProjection(null, null, null);
    private List<IncomingEvent<DealEvent>> events;

    @Setup
    public void deal() {
        Instant at = Instant.parse("2026-06-01T08:00:00Z");
        Money amount = new Money(1_200_000, "EUR");
        List<DealEvent> data = new ArrayList<>();
        data.add(new DealCreated(
                "deal-1", "sales", "lead-generation", amount, 10, "owner-1", "lead-1", null, List.of(), false, at));
        String from = "lead-generation";
        for (int i = 0; i < 8; i++) {
            String to = STAGES.get(i % STAGES.size());
            data.add(new StageChanged(
                    "deal-1", "sales", from, to, 3600, amount, 20 + i * 5, false, at.plusSeconds(3600L * (i + 1))));
            from = to;
        }
        data.add(new DealWon("deal-1", "sales", from, "won", 3600, amount, at.plusSeconds(3600L * 10)));
        events = SequencedHistory.of("/stageflow/deal-service", "deal-1", at, data);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public DealHistory foldADealsTenEvents() {
        DealHistory history = null;
        for (IncomingEvent<DealEvent> event : events) {
            history = projection.fold(history, event);
        }
        return history;
    }
}
