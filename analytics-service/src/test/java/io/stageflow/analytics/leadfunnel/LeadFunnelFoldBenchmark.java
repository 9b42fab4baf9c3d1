package io.stageflow.analytics.leadfunnel;

import io.stageflow.analytics.SequencedHistory;
import io.stageflow.events.Money;
import io.stageflow.events.lead.LeadConverted;
import io.stageflow.events.lead.LeadCreated;
import io.stageflow.events.lead.LeadEvent;
import io.stageflow.events.lead.LeadQualified;
import io.stageflow.events.lead.LeadUpdated;
import io.stageflow.events.lead.Utm;
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
 * JMH: the lead funnel's fold, the in-memory step every lead event takes in analytics (ADR 0011). One invocation
 * folds a lead's ten events (created, MQL, six engagement updates, SQL, converted); the score is per event.
 * Run with {@code ./stageflow bench jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LeadFunnelFoldBenchmark {

    private static final int EVENTS = 10;

    private final LeadFunnelProjection projection = new LeadFunnelProjection(null, null, null);
    private List<IncomingEvent<LeadEvent>> events;

    @Setup
    public void lead() {
        Instant at = Instant.parse("2026-06-01T08:00:00Z");
        List<LeadEvent> data = new ArrayList<>();
        data.add(new LeadCreated("lead-1", "web", new Utm("ads", "cpc", "spring", null, null), "NEW", null, at));
        data.add(new LeadQualified("lead-1", "NEW", "MQL", 65, at.plusSeconds(60)));
        for (int i = 0; i < 6; i++) {
            data.add(new LeadUpdated("lead-1", List.of("score"), "MQL", 66 + i, at.plusSeconds(120 + i)));
        }
        data.add(new LeadQualified("lead-1", "MQL", "SQL", 72, at.plusSeconds(600)));
        data.add(new LeadConverted(
                "lead-1", "deal-1", null, "Deal", new Money(480_000, "EUR"), null, at.plusSeconds(900)));
        events = SequencedHistory.of("/stageflow/lead-service", "lead-1", at, data);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public LeadFunnelEntry foldALeadsTenEvents() {
        LeadFunnelEntry entry = null;
        for (IncomingEvent<LeadEvent> event : events) {
            entry = projection.fold(entry, event);
        }
        return entry;
    }
}
