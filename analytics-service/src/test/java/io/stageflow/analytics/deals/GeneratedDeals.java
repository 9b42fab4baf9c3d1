package io.stageflow.analytics.deals;

import static io.stageflow.analytics.deals.DealFixtures.DAY_0;

import io.stageflow.analytics.deals.DealFixtures.DealScript;
import io.stageflow.analytics.deals.DealFixtures.Sequenced;
import io.stageflow.events.deal.PipelineDefined;
import io.stageflow.events.deal.PipelineStage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Random deal histories as deal-service publishes them: a pipeline defined once or twice, and deals that move
 * forward and backward, are won, lost and reopened, and change amount, currency, owner, probability, close date
 * and staleness, each event with its deal's next sequence. Plus the questions to ask of them: instants and
 * periods, before, during and after the history.
 *
 * <p>Built from plain numbers ({@link Step}), drawn from a seeded {@link Random}, that {@link DealScript} turns into
 * legal moves, so that a seed always yields the same legal history.
 */
final class GeneratedDeals {

    static final String PIPELINE_ID = "pipeline-generated";

    private static final List<String> OPEN_STAGES = List.of("lead", "qualified", "proposal", "negotiation");

    /**
     * A deal's own probability is never one of the stages' (10, 30, 60, 80, 100, 0): won, lost and reopened carry
     * no probability, so after a reopening analytics can tell an own probability from its stage's only when they
     * differ (see {@link DealHistory#probabilityAt}). An own probability equal to its stage's is read as none.
     */
    private static final List<Integer> OWN_PROBABILITIES = List.of(5, 15, 25, 45, 50, 70, 95);

    private static final List<Long> AMOUNTS = List.of(0L, 99L, 333L, 1_000L, 125_050L, 1_000_000L);
    private static final List<String> CURRENCIES = List.of("EUR", "USD", "JPY");
    private static final List<String> OWNERS = java.util.Arrays.asList("ann", "bob", "cem", null);
    private static final List<String> CLOSE_DATES =
            java.util.Arrays.asList(null, "2026-03-31", "2026-04-15", "2026-05-01", "2026-06-30");

    private GeneratedDeals() {}

    /** One history and what to ask of it. */
    record Generated(List<Sequenced> events, List<DealQuery> queries) {

        long dealCount() {
            return events.stream()
                    .filter(e -> !(e.event() instanceof PipelineDefined))
                    .map(Sequenced::aggregateId)
                    .distinct()
                    .count();
        }
    }

    /** One move of a deal, its meaning chosen by what the deal can do when it comes. */
    record Step(int kind, int choice, int hoursLater) {}

    record DealPlan(
            int createdHour,
            int amount,
            int currency,
            int owner,
            int closeDate,
            boolean startsLater,
            List<Step> steps) {}

    record QueryPlan(int asOfHour, Integer fromDay, Integer toDay) {}

    /** A history of one to {@code maxDeals} deals and up to four queries besides the one after everything. */
    static Generated generate(Random random, int maxDeals) {
        List<DealPlan> deals = new ArrayList<>();
        int dealCount = random.nextInt(1, maxDeals + 1);
        for (int i = 0; i < dealCount; i++) {
            deals.add(dealPlan(random));
        }
        List<QueryPlan> queries = new ArrayList<>();
        int queryCount = random.nextInt(1, 5);
        for (int i = 0; i < queryCount; i++) {
            queries.add(new QueryPlan(random.nextInt(-48, 40 * 24 + 1), day(random), day(random)));
        }
        Integer secondVersionHour = random.nextBoolean() ? null : random.nextInt(-24, 30 * 24 + 1);
        return build(deals, queries, secondVersionHour);
    }

    /** The history's events as aggregate id, sequence and type, in publication order: short enough to report. */
    static String describe(List<Sequenced> events) {
        return events.stream().map(GeneratedDeals::label).collect(Collectors.joining(", ", "[", "]"));
    }

    static String label(Sequenced event) {
        return event.aggregateId() + "#" + event.sequence() + " "
                + event.event().getClass().getSimpleName();
    }

    private static DealPlan dealPlan(Random random) {
        int createdHour = random.nextInt(0, 20 * 24 + 1);
        int amount = random.nextInt(AMOUNTS.size());
        int currency = random.nextInt(CURRENCIES.size());
        int owner = random.nextInt(OWNERS.size());
        int closeDate = random.nextInt(CLOSE_DATES.size());
        boolean startsLater = random.nextBoolean();
        List<Step> steps = new ArrayList<>();
        int stepCount = random.nextInt(11);
        for (int i = 0; i < stepCount; i++) {
            steps.add(new Step(random.nextInt(8), random.nextInt(12), random.nextInt(1, 97)));
        }
        return new DealPlan(createdHour, amount, currency, owner, closeDate, startsLater, List.copyOf(steps));
    }

    /** A day from -1 to 22, or none (open) with probability 0.6. */
    private static Integer day(Random random) {
        int day = random.nextInt(-1, 23);
        return random.nextDouble() < 0.6 ? null : day;
    }

    private static Generated build(List<DealPlan> deals, List<QueryPlan> queries, Integer secondVersionHour) {
        List<Sequenced> events = new ArrayList<>();
        events.add(DealFixtures.pipeline(PIPELINE_ID));
        if (secondVersionHour != null) {
            events.add(new Sequenced(
                    PIPELINE_ID,
                    2,
                    new PipelineDefined(
                            PIPELINE_ID,
                            "Vertrieb",
                            "SALES",
                            2,
                            renamedStages(),
                            List.of("price"),
                            hour(secondVersionHour))));
        }
        for (int i = 0; i < deals.size(); i++) {
            events.addAll(deal("d" + (i + 1), deals.get(i)).events());
        }
        Instant afterEverything = hour(60 * 24);
        List<DealQuery> asked = new ArrayList<>();
        asked.add(new DealQuery(PIPELINE_ID, afterEverything, null, null));
        for (QueryPlan plan : queries) {
            LocalDate from = plan.fromDay() == null
                    ? null
                    : DAY_0.atOffset(java.time.ZoneOffset.UTC).toLocalDate().plusDays(plan.fromDay());
            LocalDate to = plan.toDay() == null
                    ? null
                    : DAY_0.atOffset(java.time.ZoneOffset.UTC).toLocalDate().plusDays(plan.toDay());
            if (from != null && to != null && to.isBefore(from)) {
                LocalDate earlier = to;
                to = from;
                from = earlier;
            }
            asked.add(new DealQuery(PIPELINE_ID, hour(plan.asOfHour()), from, to));
        }
        return new Generated(List.copyOf(events), List.copyOf(asked));
    }

    private static DealScript deal(String dealId, DealPlan plan) {
        var script = DealFixtures.deal(PIPELINE_ID, dealId);
        Instant at = hour(plan.createdHour());
        // most deals start in the first stage, some further down, as a deal converted from a hot lead may
        String firstStage = plan.startsLater() ? OPEN_STAGES.get(plan.createdHour() % OPEN_STAGES.size()) : "lead";
        script.create(
                at,
                firstStage,
                AMOUNTS.get(plan.amount()),
                CURRENCIES.get(plan.currency()),
                OWNERS.get(plan.owner()),
                CLOSE_DATES.get(plan.closeDate()));
        for (Step step : plan.steps()) {
            at = at.plus(Duration.ofHours(step.hoursLater()));
            int choice = step.choice();
            if (!script.open()) {
                if (step.kind() % 2 == 0) {
                    script.reopen(OPEN_STAGES.get(choice % OPEN_STAGES.size()), at);
                } else {
                    script.setOwner(OWNERS.get(choice % OWNERS.size()), at);
                }
                continue;
            }
            switch (step.kind()) {
                case 0 -> {
                    String target = OPEN_STAGES.get(choice % OPEN_STAGES.size());
                    if (target.equals(script.stage())) {
                        target = OPEN_STAGES.get((choice + 1) % OPEN_STAGES.size());
                    }
                    script.moveTo(target, at);
                }
                case 1 -> script.win(at);
                case 2 -> script.lose(at, choice % 2 == 0 ? "price" : "competitor");
                case 3 -> script.setProbability(OWN_PROBABILITIES.get(choice % OWN_PROBABILITIES.size()), at);
                case 4 -> script.setOwner(OWNERS.get(choice % OWNERS.size()), at);
                case 5 ->
                    script.setAmount(
                            AMOUNTS.get(choice % AMOUNTS.size()), CURRENCIES.get(choice % CURRENCIES.size()), at);
                case 6 -> script.markStale(at);
                default -> script.setExpectedCloseDate(CLOSE_DATES.get(choice % CLOSE_DATES.size()), at);
            }
        }
        return script;
    }

    /** The second version renames the pipeline and its stages; keys and probabilities stay. */
    private static List<PipelineStage> renamedStages() {
        List<String> names = List.of("Anfrage", "Qualifiziert", "Angebot", "Verhandlung", "Gewonnen", "Verloren");
        List<PipelineStage> stages = new ArrayList<>();
        for (int i = 0; i < DealFixtures.STAGES.size(); i++) {
            var stage = DealFixtures.STAGES.get(i);
            stages.add(new PipelineStage(
                    stage.key(), names.get(i), stage.probability(), stage.rottingDays(), stage.type()));
        }
        return List.copyOf(stages);
    }

    private static Instant hour(int hours) {
        return DAY_0.plus(Duration.ofHours(hours));
    }
}
