package io.stageflow.analytics.deals;

import io.stageflow.events.Money;
import io.stageflow.events.deal.DealCreated;
import io.stageflow.events.deal.DealEvent;
import io.stageflow.events.deal.DealLost;
import io.stageflow.events.deal.DealReopened;
import io.stageflow.events.deal.DealUpdated;
import io.stageflow.events.deal.DealWon;
import io.stageflow.events.deal.PipelineDefined;
import io.stageflow.events.deal.PipelineStage;
import io.stageflow.events.deal.StageChanged;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Deal events as deal-service publishes them, and the worked pipeline of docs/metrics.md: ten deals moving forward
 * and backward, three won, two lost, one lost and reopened.
 */
final class DealFixtures {

    /** Day 0 of the worked example, a Monday; every event happens at 09:00 UTC of a day after it. */
    static final Instant DAY_0 = Instant.parse("2026-03-02T09:00:00Z");

    static final String TENANT = "tenant-fixtures";

    static final List<PipelineStage> STAGES = List.of(
            new PipelineStage("lead", "Lead", 10, 14, "OPEN"),
            new PipelineStage("qualified", "Qualified", 30, 14, "OPEN"),
            new PipelineStage("proposal", "Proposal", 60, 14, "OPEN"),
            new PipelineStage("negotiation", "Negotiation", 80, 14, "OPEN"),
            new PipelineStage("won", "Won", 100, null, "WON"),
            new PipelineStage("lost", "Lost", 0, null, "LOST"));

    private DealFixtures() {}

    /** One event as it goes on the wire: its aggregate (the record key) and its sequence in that aggregate. */
    record Sequenced(String aggregateId, long sequence, DealEvent event) {}

    static Instant day(int day) {
        return DAY_0.plus(Duration.ofDays(day));
    }

    static Instant day(int day, int hoursAfterNine) {
        return day(day).plus(Duration.ofHours(hoursAfterNine));
    }

    static Sequenced pipeline(String pipelineId) {
        return new Sequenced(
                pipelineId,
                1,
                new PipelineDefined(pipelineId, "Sales", "SALES", 1, STAGES, List.of("price", "competitor"), day(-1)));
    }

    /**
     * The worked example of docs/metrics.md, pipeline first, each deal's events in order. Amounts in EUR unless
     * said otherwise; owners ann and bob.
     */
    static List<Sequenced> workedExample(String pipelineId) {
        List<Sequenced> events = new ArrayList<>();
        events.add(pipeline(pipelineId));
        var d1 = deal(pipelineId, "d1")
                .create(day(0), 1_000_000, "EUR", "ann", "2026-03-31")
                .moveTo("qualified", day(1))
                .moveTo("proposal", day(3))
                .moveTo("negotiation", day(5))
                .win(day(7));
        var d2 = deal(pipelineId, "d2")
                .create(day(0), 2_000_000, "EUR", "ann", "2026-03-31")
                .moveTo("qualified", day(2))
                .moveTo("proposal", day(4))
                .moveTo("qualified", day(6))
                .moveTo("proposal", day(8))
                .moveTo("negotiation", day(10))
                .win(day(12));
        var d3 = deal(pipelineId, "d3")
                .create(day(1), 500_000, "EUR", "bob", "2026-04-15")
                .moveTo("qualified", day(2))
                .lose(day(4), "price");
        var d4 = deal(pipelineId, "d4")
                .create(day(1), 800_000, "USD", "bob", "2026-03-31")
                .moveTo("qualified", day(3))
                .moveTo("proposal", day(5))
                .win(day(9));
        var d5 = deal(pipelineId, "d5")
                .create(day(2), 1_200_000, "EUR", "ann", "2026-04-15")
                .moveTo("qualified", day(3))
                .moveTo("proposal", day(6))
                .lose(day(8), "competitor")
                .reopen("proposal", day(11))
                .moveTo("negotiation", day(14));
        var d6 = deal(pipelineId, "d6")
                .create(day(2), 700_000, "EUR", "bob", "2026-04-30")
                .lose(day(4), "price");
        var d7 = deal(pipelineId, "d7")
                .create(day(3), 300_000, "EUR", "bob", "2026-05-20")
                .markStale(day(10));
        var d8 = deal(pipelineId, "d8")
                .create(day(3), 1_500_000, "EUR", "ann", "2026-04-30")
                .moveTo("qualified", day(5))
                .moveTo("proposal", day(7))
                .setProbability(50, day(8))
                .markStale(day(15));
        var d9 = deal(pipelineId, "d9")
                .create(day(4), 900_000, "EUR", "bob", null)
                .moveTo("qualified", day(6))
                .moveTo("lead", day(9))
                .markStale(day(12));
        var d10 = deal(pipelineId, "d10")
                .create(day(5), 400_000, "USD", "ann", "2026-05-10")
                .moveTo("qualified", day(8))
                .setOwner("bob", day(9));
        for (var deal : List.of(d1, d2, d3, d4, d5, d6, d7, d8, d9, d10)) {
            events.addAll(deal.events());
        }
        return events;
    }

    /** The last sequence of each aggregate in {@code events}. */
    static Map<String, Long> lastSequences(List<Sequenced> events) {
        return events.stream()
                .collect(Collectors.toMap(Sequenced::aggregateId, Sequenced::sequence, Math::max, LinkedHashMap::new));
    }

    /** The pipeline as the projection folds it. */
    static PipelineDefinition pipelineDefinition(List<Sequenced> events) {
        return pipelineDefinition(TENANT, events);
    }

    /** The same for a tenant of the caller's choice; the events may come in any order. */
    static PipelineDefinition pipelineDefinition(String tenant, List<Sequenced> events) {
        PipelineDefinition definition = null;
        for (Sequenced event : events.stream()
                .sorted(Comparator.comparingLong(Sequenced::sequence))
                .toList()) {
            if (event.event() instanceof PipelineDefined defined) {
                definition = definition == null
                        ? PipelineDefinition.defined(tenant, defined, event.sequence())
                        : definition.then(defined, event.sequence());
            }
        }
        return definition;
    }

    /** Every deal's history as the projection folds it, in order of the deals' first appearance. */
    static List<DealHistory> histories(List<Sequenced> events) {
        return histories(TENANT, events);
    }

    /** The same for a tenant of the caller's choice. */
    static List<DealHistory> histories(String tenant, List<Sequenced> events) {
        Map<String, List<Sequenced>> byDeal = new LinkedHashMap<>();
        events.stream()
                .filter(event -> !(event.event() instanceof PipelineDefined))
                .forEach(event -> byDeal.computeIfAbsent(event.aggregateId(), id -> new ArrayList<>())
                        .add(event));
        return byDeal.values().stream()
                .map(dealEvents -> {
                    List<Sequenced> ordered = dealEvents.stream()
                            .sorted(Comparator.comparingLong(Sequenced::sequence))
                            .toList();
                    DealHistory history = DealHistory.created(
                            tenant, (DealCreated) ordered.getFirst().event(), 1);
                    for (Sequenced event : ordered.subList(1, ordered.size())) {
                        history = history.then(event.event(), event.sequence());
                    }
                    return history;
                })
                .toList();
    }

    static DealScript deal(String pipelineId, String dealId) {
        return new DealScript(pipelineId, dealId);
    }

    /**
     * One deal's life written as deal-service would publish it: the probability in effect is the deal's own once
     * set, else its stage's; a move or a close makes the deal fresh again.
     */
    static final class DealScript {

        private final String pipelineId;
        private final String dealId;
        private final List<Sequenced> events = new ArrayList<>();
        private String stage;
        private Instant enteredAt;
        private Money amount;
        private Integer ownProbability;
        private String ownerId;
        private LocalDate expectedCloseDate;
        private boolean stale;

        DealScript(String pipelineId, String dealId) {
            this.pipelineId = pipelineId;
            this.dealId = dealId;
        }

        DealScript create(Instant at, long minorUnits, String currency, String owner, String closeDate) {
            return create(at, "lead", minorUnits, currency, owner, closeDate);
        }

        DealScript create(
                Instant at, String stageKey, long minorUnits, String currency, String owner, String closeDate) {
            stage = stageKey;
            enteredAt = at;
            amount = new Money(minorUnits, currency);
            ownerId = owner;
            expectedCloseDate = closeDate == null ? null : LocalDate.parse(closeDate);
            return record(new DealCreated(
                    dealId,
                    pipelineId,
                    stage,
                    amount,
                    probability(),
                    ownerId,
                    null,
                    expectedCloseDate,
                    List.of(),
                    stale,
                    at));
        }

        DealScript moveTo(String target, Instant at) {
            String from = stage;
            long seconds = seconds(at);
            stage = target;
            enteredAt = at;
            stale = false;
            return record(
                    new StageChanged(dealId, pipelineId, from, target, seconds, amount, probability(), stale, at));
        }

        DealScript win(Instant at) {
            String from = stage;
            long seconds = seconds(at);
            stage = "won";
            enteredAt = at;
            stale = false;
            return record(new DealWon(dealId, pipelineId, from, stage, seconds, amount, at));
        }

        DealScript lose(Instant at, String reason) {
            String from = stage;
            long seconds = seconds(at);
            stage = "lost";
            enteredAt = at;
            stale = false;
            return record(new DealLost(dealId, pipelineId, from, stage, seconds, amount, reason, at));
        }

        DealScript reopen(String target, Instant at) {
            String from = stage;
            stage = target;
            enteredAt = at;
            stale = false;
            return record(new DealReopened(dealId, pipelineId, from, target, stale, at, probability()));
        }

        DealScript setProbability(int probability, Instant at) {
            ownProbability = probability;
            return updated(List.of("probability"), at);
        }

        DealScript setOwner(String owner, Instant at) {
            ownerId = owner;
            return updated(List.of("ownerId"), at);
        }

        DealScript setAmount(long minorUnits, String currency, Instant at) {
            amount = new Money(minorUnits, currency);
            return updated(List.of("amount"), at);
        }

        DealScript markStale(Instant at) {
            stale = true;
            return updated(List.of("stale"), at);
        }

        DealScript setExpectedCloseDate(String closeDate, Instant at) {
            expectedCloseDate = closeDate == null ? null : LocalDate.parse(closeDate);
            return updated(List.of("expectedCloseDate"), at);
        }

        /** Whether the deal is neither won nor lost. */
        boolean open() {
            return !stage.equals("won") && !stage.equals("lost");
        }

        String stage() {
            return stage;
        }

        List<Sequenced> events() {
            return List.copyOf(events);
        }

        private DealScript updated(List<String> changed, Instant at) {
            return record(new DealUpdated(
                    dealId, pipelineId, changed, amount, probability(), ownerId, expectedCloseDate, stale, at));
        }

        private int probability() {
            if (ownProbability != null) {
                return ownProbability;
            }
            return STAGES.stream()
                    .filter(s -> s.key().equals(stage))
                    .findFirst()
                    .orElseThrow()
                    .probability();
        }

        private long seconds(Instant at) {
            return Duration.between(enteredAt, at).toSeconds();
        }

        private DealScript record(DealEvent event) {
            events.add(new Sequenced(dealId, events.size() + 1, event));
            return this;
        }
    }
}
