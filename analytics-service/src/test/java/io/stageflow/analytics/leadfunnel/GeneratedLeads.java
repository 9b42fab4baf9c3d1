package io.stageflow.analytics.leadfunnel;

import io.stageflow.events.Money;
import io.stageflow.events.deal.DealCreated;
import io.stageflow.events.deal.DealLost;
import io.stageflow.events.deal.DealReopened;
import io.stageflow.events.deal.DealWon;
import io.stageflow.events.deal.StageChanged;
import io.stageflow.events.lead.LeadConverted;
import io.stageflow.events.lead.LeadCreated;
import io.stageflow.events.lead.LeadDisqualified;
import io.stageflow.events.lead.LeadErased;
import io.stageflow.events.lead.LeadEvent;
import io.stageflow.events.lead.LeadQualified;
import io.stageflow.events.lead.LeadUpdated;
import io.stageflow.events.lead.Utm;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Random lead histories as lead-service publishes them (created with or without a UTM campaign, updated, qualified,
 * disqualified, converted, erased), and the deals converted leads open as deal-service publishes them (created, moved,
 * won, lost, reopened), each event with its aggregate's next sequence; the questions to ask the funnel (periods and
 * instants before, during and after the history); and the plain reference fold of both.
 */
final class GeneratedLeads {

    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private static final List<String> SOURCES = List.of("web", "ads", "event", "referral", "api");
    private static final List<String> STATUSES = List.of("NEW", "CONTACTED", "NURTURING", "MQL", "SQL");

    /** Index 0: no UTM at all; 1: UTM without a campaign; 2: a blank campaign; then named campaigns. */
    private static final List<String> CAMPAIGNS = Arrays.asList(null, null, " ", "spring-sale", "webinar", "retarget");

    private GeneratedLeads() {}

    /** One event of a lead ({@code LeadEvent}) or of a converted lead's deal ({@code DealEvent}). */
    record Sequenced(String aggregateId, long sequence, Object event) {}

    /** {@code from} inclusive, {@code to} exclusive, either open; the funnel as it stood {@code asOf}. */
    record Question(Instant from, Instant to, Instant asOf) {

        LeadFunnelQuery query() {
            return new LeadFunnelQuery(from, to, asOf);
        }
    }

    record Generated(List<Sequenced> events, List<Question> questions) {}

    record Step(int kind, int choice, int hoursLater) {}

    /** {@code dealSteps} null: the deal of a conversion has not reached analytics (yet). */
    record LeadPlan(int createdHour, int source, int campaign, List<Step> steps, List<Step> dealSteps) {}

    /** A history of one to ten leads and up to six questions besides the one after everything. */
    static Generated generate(Random random) {
        List<LeadPlan> leads = new ArrayList<>();
        int leadCount = random.nextInt(1, 11);
        for (int i = 0; i < leadCount; i++) {
            int createdHour = random.nextInt(0, 30 * 24 + 1);
            int source = random.nextInt(SOURCES.size());
            int campaign = random.nextInt(CAMPAIGNS.size());
            List<Step> steps = steps(random, 7, 5);
            List<Step> dealSteps = random.nextDouble() < 0.2 ? null : steps(random, 6, 4);
            leads.add(new LeadPlan(createdHour, source, campaign, steps, dealSteps));
        }
        List<Sequenced> events = new ArrayList<>();
        for (int i = 0; i < leads.size(); i++) {
            events.addAll(lead("lead-" + (i + 1), leads.get(i)));
        }
        List<Question> questions = new ArrayList<>();
        questions.add(new Question(null, null, hour(400 * 24)));
        int questionCount = random.nextInt(7);
        for (int i = 0; i < questionCount; i++) {
            questions.add(new Question(instant(random, 32 * 24), instant(random, 32 * 24), asOf(random, events)));
        }
        return new Generated(List.copyOf(events), List.copyOf(questions));
    }

    /**
     * Mostly the very instant of one of the events, where "at or before" and "after" part, or an hour before it;
     * else any hour of the history, or after all of it.
     */
    private static Instant asOf(Random random, List<Sequenced> events) {
        double kind = random.nextDouble();
        if (kind < 0.6) {
            Instant at = instantOf(events.get(random.nextInt(events.size())).event());
            return kind < 0.4 ? at : at.minus(Duration.ofHours(1));
        }
        return kind < 0.9 ? hour(random.nextInt(-24, 45 * 24 + 1)) : hour(400 * 24);
    }

    private static Instant instantOf(Object event) {
        return switch (event) {
            case LeadCreated e -> e.createdAt();
            case LeadUpdated e -> e.updatedAt();
            case LeadQualified e -> e.qualifiedAt();
            case LeadDisqualified e -> e.disqualifiedAt();
            case LeadConverted e -> e.convertedAt();
            case LeadErased e -> e.erasedAt();
            case DealCreated e -> e.createdAt();
            case StageChanged e -> e.changedAt();
            case DealWon e -> e.wonAt();
            case DealLost e -> e.lostAt();
            case DealReopened e -> e.reopenedAt();
            default -> throw new IllegalArgumentException("not generated here: " + event);
        };
    }

    private static List<Step> steps(Random random, int most, int kinds) {
        List<Step> steps = new ArrayList<>();
        int count = random.nextInt(most);
        for (int j = 0; j < count; j++) {
            steps.add(new Step(random.nextInt(kinds), random.nextInt(12), random.nextInt(1, 49)));
        }
        return List.copyOf(steps);
    }

    static String label(Sequenced event) {
        return event.aggregateId() + "#" + event.sequence() + " "
                + event.event().getClass().getSimpleName();
    }

    /** An instant from a day before {@link #START} to {@code hours} after it, or none (open) with probability 0.3. */
    private static Instant instant(Random random, int hours) {
        Instant instant = hour(random.nextInt(-24, hours + 1));
        return random.nextDouble() < 0.3 ? null : instant;
    }

    private static List<Sequenced> lead(String leadId, LeadPlan plan) {
        List<LeadEvent> events = new ArrayList<>();
        Instant at = hour(plan.createdHour());
        String campaign = CAMPAIGNS.get(plan.campaign());
        Utm utm = plan.campaign() == 0 ? null : new Utm("newsletter", "email", campaign, null, null);
        events.add(new LeadCreated(leadId, SOURCES.get(plan.source()), utm, "NEW", null, at));
        String status = "NEW";
        Instant convertedAt = null;
        for (Step step : plan.steps()) {
            at = at.plus(Duration.ofHours(step.hoursLater()));
            int choice = step.choice();
            switch (step.kind()) {
                case 0 -> {
                    // an edit that leaves the status alone publishes none
                    String to = choice % 3 == 0 ? null : STATUSES.get(choice % STATUSES.size());
                    events.add(new LeadUpdated(leadId, List.of(to == null ? "phone" : "status"), to, 10 * choice, at));
                    status = to == null ? status : to;
                }
                case 1 -> {
                    String to = choice % 2 == 0 ? "MQL" : "SQL";
                    events.add(new LeadQualified(leadId, status, to, 50 + choice, at));
                    status = to;
                }
                case 2 -> {
                    events.add(new LeadDisqualified(leadId, status, "no budget", at));
                    status = "DISQUALIFIED";
                }
                case 3 -> {
                    events.add(new LeadConverted(
                            leadId,
                            dealOf(leadId),
                            "pipeline-1",
                            "Deal",
                            new Money(100_000L * choice, "EUR"),
                            null,
                            at));
                    status = "CONVERTED";
                    convertedAt = convertedAt == null ? at : convertedAt;
                }
                default -> events.add(new LeadErased(leadId, at));
            }
            if (events.getLast() instanceof LeadErased) {
                // nothing follows an erasure
                break;
            }
        }
        List<Sequenced> sequenced = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            sequenced.add(new Sequenced(leadId, i + 1, events.get(i)));
        }
        if (convertedAt != null && plan.dealSteps() != null) {
            sequenced.addAll(deal(dealOf(leadId), leadId, convertedAt, plan.dealSteps()));
        }
        return sequenced;
    }

    /**
     * The deal a conversion opened, a minute after it: moved, won, lost and reopened as the deal can at each step.
     */
    private static List<Sequenced> deal(String dealId, String leadId, Instant convertedAt, List<Step> steps) {
        Money amount = new Money(500_000L, "EUR");
        Instant at = convertedAt.plus(Duration.ofMinutes(1));
        List<Object> events = new ArrayList<>();
        events.add(new DealCreated(dealId, "pipeline-1", "lead", amount, 10, null, leadId, null, List.of(), false, at));
        String stage = "lead";
        for (Step step : steps) {
            at = at.plus(Duration.ofHours(step.hoursLater()));
            boolean open = stage.equals("lead") || stage.equals("proposal");
            if (!open) {
                events.add(new DealReopened(dealId, "pipeline-1", stage, "proposal", false, at, 60));
                stage = "proposal";
                continue;
            }
            switch (step.kind()) {
                case 0 -> {
                    String to = stage.equals("lead") ? "proposal" : "lead";
                    events.add(new StageChanged(dealId, "pipeline-1", stage, to, 3600, amount, 30, false, at));
                    stage = to;
                }
                case 1, 2 -> {
                    events.add(new DealWon(dealId, "pipeline-1", stage, "won", 3600, amount, at));
                    stage = "won";
                }
                default -> {
                    events.add(new DealLost(dealId, "pipeline-1", stage, "lost", 3600, amount, "price", at));
                    stage = "lost";
                }
            }
        }
        List<Sequenced> sequenced = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            sequenced.add(new Sequenced(dealId, i + 1, events.get(i)));
        }
        return sequenced;
    }

    static String dealOf(String leadId) {
        return "deal-of-" + leadId;
    }

    /** A lead as the funnel should know it after all its events, folded in sequence order. */
    record Lead(
            String leadId,
            String source,
            String campaign,
            Instant createdAt,
            String status,
            List<LeadFunnelEntry.StatusStay> statuses,
            String dealId,
            boolean erased,
            long sequence) {}

    /** Each lead after all its lead events, folded in sequence order; the deals' events play no part. */
    static Map<String, Lead> leads(List<Sequenced> events) {
        Map<String, Lead> leads = new LinkedHashMap<>();
        events.stream()
                .filter(event -> event.event() instanceof LeadEvent)
                .sorted(Comparator.comparing(Sequenced::aggregateId).thenComparingLong(Sequenced::sequence))
                .forEach(event -> leads.compute(event.aggregateId(), (id, lead) -> switch ((LeadEvent) event.event()) {
                    case LeadCreated created ->
                        new Lead(
                                id,
                                created.source(),
                                created.utm() == null
                                                || created.utm().campaign() == null
                                                || created.utm().campaign().isBlank()
                                        ? null
                                        : created.utm().campaign(),
                                created.createdAt(),
                                created.status(),
                                List.of(new LeadFunnelEntry.StatusStay(created.status(), created.createdAt(), null)),
                                null,
                                false,
                                1);
                    case LeadUpdated updated ->
                        updated.status() == null
                                ? sequenced(lead, event.sequence())
                                : moved(lead, updated.status(), updated.updatedAt(), event.sequence());
                    case LeadQualified qualified ->
                        moved(lead, qualified.toStatus(), qualified.qualifiedAt(), event.sequence());
                    case LeadDisqualified disqualified ->
                        moved(lead, "DISQUALIFIED", disqualified.disqualifiedAt(), event.sequence());
                    case LeadConverted converted -> {
                        Lead moved = moved(lead, "CONVERTED", converted.convertedAt(), event.sequence());
                        yield new Lead(
                                id,
                                moved.source(),
                                moved.campaign(),
                                moved.createdAt(),
                                moved.status(),
                                moved.statuses(),
                                converted.dealId(),
                                moved.erased(),
                                moved.sequence());
                    }
                    case LeadErased erased ->
                        new Lead(
                                id,
                                lead.source(),
                                lead.campaign(),
                                lead.createdAt(),
                                lead.status(),
                                lead.statuses(),
                                lead.dealId(),
                                true,
                                event.sequence());
                }));
        return leads;
    }

    private static Lead sequenced(Lead lead, long sequence) {
        return new Lead(
                lead.leadId(),
                lead.source(),
                lead.campaign(),
                lead.createdAt(),
                lead.status(),
                lead.statuses(),
                lead.dealId(),
                lead.erased(),
                sequence);
    }

    /** A stay ends only when the status changes; an event naming the same status again is no move. */
    private static Lead moved(Lead lead, String status, Instant at, long sequence) {
        if (status.equals(lead.status())) {
            return sequenced(lead, sequence);
        }
        List<LeadFunnelEntry.StatusStay> stays = new ArrayList<>(lead.statuses());
        var last = stays.removeLast();
        stays.add(new LeadFunnelEntry.StatusStay(last.status(), last.enteredAt(), at));
        stays.add(new LeadFunnelEntry.StatusStay(status, at, null));
        return new Lead(
                lead.leadId(),
                lead.source(),
                lead.campaign(),
                lead.createdAt(),
                status,
                List.copyOf(stays),
                lead.dealId(),
                lead.erased(),
                sequence);
    }

    /**
     * The funnel counted straight from the events, without stays or tallies: for each lead created in the period and
     * by {@code asOf}, the highest step any status it took by then stands for (MQL 1, SQL 2, converted 3, and 4 when
     * the deal its conversion opened was won by its last status change by then), and whether its last status by then
     * was DISQUALIFIED.
     */
    static LeadFunnel funnel(List<Sequenced> events, Question question) {
        Map<String, List<Sequenced>> byAggregate = new LinkedHashMap<>();
        events.stream()
                .sorted(Comparator.comparing(Sequenced::aggregateId).thenComparingLong(Sequenced::sequence))
                .forEach(event -> byAggregate
                        .computeIfAbsent(event.aggregateId(), key -> new ArrayList<>())
                        .add(event));
        Instant asOf = question.asOf();
        long[] all = new long[6];
        Comparator<String> names = Comparator.nullsLast(Comparator.naturalOrder());
        Map<String, long[]> bySource = new TreeMap<>(names);
        Map<String, long[]> byCampaign = new TreeMap<>(names);
        for (List<Sequenced> history : byAggregate.values()) {
            if (!(history.getFirst().event() instanceof LeadCreated created)) {
                continue;
            }
            Instant createdAt = created.createdAt();
            boolean inCohort = (question.from() == null || !createdAt.isBefore(question.from()))
                    && (question.to() == null || createdAt.isBefore(question.to()))
                    && !createdAt.isAfter(asOf);
            if (!inCohort) {
                continue;
            }
            int reached = rank(created.status());
            String statusThen = created.status();
            String dealId = null;
            for (Sequenced sequenced : history) {
                String status = null;
                Instant at = null;
                switch ((LeadEvent) sequenced.event()) {
                    case LeadUpdated updated -> {
                        status = updated.status();
                        at = updated.updatedAt();
                    }
                    case LeadQualified qualified -> {
                        status = qualified.toStatus();
                        at = qualified.qualifiedAt();
                    }
                    case LeadDisqualified disqualified -> {
                        status = "DISQUALIFIED";
                        at = disqualified.disqualifiedAt();
                    }
                    case LeadConverted converted -> {
                        status = "CONVERTED";
                        at = converted.convertedAt();
                        dealId = converted.dealId();
                    }
                    default -> {}
                }
                if (status != null && !at.isAfter(asOf)) {
                    statusThen = status;
                    reached = Math.max(reached, rank(status));
                }
            }
            if (reached == 3 && dealId != null && wonAt(byAggregate.get(dealId), asOf)) {
                reached = 4;
            }
            boolean disqualified = statusThen.equals("DISQUALIFIED");
            String campaign = created.utm() == null
                            || created.utm().campaign() == null
                            || created.utm().campaign().isBlank()
                    ? null
                    : created.utm().campaign();
            for (long[] counts : List.of(
                    all,
                    bySource.computeIfAbsent(created.source(), key -> new long[6]),
                    byCampaign.computeIfAbsent(campaign, key -> new long[6]))) {
                for (int step = 0; step <= reached; step++) {
                    counts[step]++;
                }
                counts[5] += disqualified ? 1 : 0;
            }
        }
        return new LeadFunnel(
                question.from(),
                question.to(),
                asOf,
                all[0],
                all[1],
                all[2],
                all[3],
                all[4],
                all[5],
                rates(all),
                mostFirst(
                        bySource,
                        (source, c) ->
                                new LeadFunnel.SourceFunnel(source, c[0], c[1], c[2], c[3], c[4], c[5], rates(c))),
                mostFirst(
                        byCampaign,
                        (campaign, c) ->
                                new LeadFunnel.CampaignFunnel(campaign, c[0], c[1], c[2], c[3], c[4], c[5], rates(c))));
    }

    /** 1 for MQL, 2 for SQL, 3 for CONVERTED, 0 for every other status. */
    private static int rank(String status) {
        return List.of("MQL", "SQL", "CONVERTED").indexOf(status) + 1;
    }

    /** Whether the deal's last status change at or before {@code asOf} was a win; never, for a deal not heard of. */
    private static boolean wonAt(List<Sequenced> deal, Instant asOf) {
        if (deal == null) {
            return false;
        }
        boolean won = false;
        for (Sequenced sequenced : deal) {
            switch (sequenced.event()) {
                case DealWon dealWon when !dealWon.wonAt().isAfter(asOf) -> won = true;
                case DealLost lost when !lost.lostAt().isAfter(asOf) -> won = false;
                case DealReopened reopened when !reopened.reopenedAt().isAfter(asOf) -> won = false;
                default -> {}
            }
        }
        return won;
    }

    /** Groups by size, most first; equal ones in name order (the TreeMap's), none last. */
    private static <T> List<T> mostFirst(
            Map<String, long[]> groups, java.util.function.BiFunction<String, long[], T> row) {
        return groups.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0])
                        .reversed())
                .map(e -> row.apply(e.getKey(), e.getValue()))
                .toList();
    }

    private static LeadFunnel.Rates rates(long[] c) {
        return new LeadFunnel.Rates(
                fraction(c[1], c[0]),
                fraction(c[2], c[1]),
                fraction(c[3], c[2]),
                fraction(c[4], c[3]),
                fraction(c[4], c[0]));
    }

    private static BigDecimal fraction(long part, long whole) {
        return whole == 0 ? null : new BigDecimal(part).divide(new BigDecimal(whole), 3, RoundingMode.HALF_UP);
    }

    private static Instant hour(int hours) {
        return START.plus(Duration.ofHours(hours));
    }
}
