package io.stageflow.analytics.leadfunnel;

import io.stageflow.events.Money;
import io.stageflow.events.lead.LeadConverted;
import io.stageflow.events.lead.LeadCreated;
import io.stageflow.events.lead.LeadDisqualified;
import io.stageflow.events.lead.LeadErased;
import io.stageflow.events.lead.LeadEvent;
import io.stageflow.events.lead.LeadQualified;
import io.stageflow.events.lead.LeadUpdated;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Random lead histories as lead-service publishes them (created, updated, qualified, disqualified, converted,
 * erased), each event with its lead's next sequence, the periods to ask the funnel about, and the plain reference
 * fold of both.
 */
final class GeneratedLeads {

    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private static final List<String> SOURCES = List.of("web", "ads", "event", "referral", "api");
    private static final List<String> STATUSES = List.of("NEW", "CONTACTED", "NURTURING", "MQL", "SQL");

    private GeneratedLeads() {}

    record Sequenced(String aggregateId, long sequence, LeadEvent event) {}

    /** {@code from} inclusive, {@code to} exclusive, either open. */
    record Period(Instant from, Instant to) {}

    record Generated(List<Sequenced> events, List<Period> periods) {}

    record Step(int kind, int choice, int hoursLater) {}

    record LeadPlan(int createdHour, int source, List<Step> steps) {}

    /** A lead as the funnel should know it after all its events. */
    record Lead(String leadId, String source, Instant createdAt, String status, boolean erased, long sequence) {}

    /** A history of one to ten leads and up to three periods besides the open one. */
    static Generated generate(Random random) {
        List<LeadPlan> leads = new ArrayList<>();
        int leadCount = random.nextInt(1, 11);
        for (int i = 0; i < leadCount; i++) {
            int createdHour = random.nextInt(0, 30 * 24 + 1);
            int source = random.nextInt(SOURCES.size());
            List<Step> steps = new ArrayList<>();
            int stepCount = random.nextInt(7);
            for (int j = 0; j < stepCount; j++) {
                steps.add(new Step(random.nextInt(5), random.nextInt(12), random.nextInt(1, 49)));
            }
            leads.add(new LeadPlan(createdHour, source, List.copyOf(steps)));
        }
        List<Period> periods = new ArrayList<>();
        int periodCount = random.nextInt(4);
        for (int i = 0; i < periodCount; i++) {
            periods.add(new Period(instant(random), instant(random)));
        }
        return build(leads, periods);
    }

    static String label(Sequenced event) {
        return event.aggregateId() + "#" + event.sequence() + " "
                + event.event().getClass().getSimpleName();
    }

    /** An instant from a day before to 32 days after {@link #START}, or none (open) with probability 0.3. */
    private static Instant instant(Random random) {
        Instant instant = hour(random.nextInt(-24, 32 * 24 + 1));
        return random.nextDouble() < 0.3 ? null : instant;
    }

    private static Generated build(List<LeadPlan> leads, List<Period> periods) {
        List<Sequenced> events = new ArrayList<>();
        for (int i = 0; i < leads.size(); i++) {
            events.addAll(lead("lead-" + (i + 1), leads.get(i)));
        }
        List<Period> asked = new ArrayList<>();
        asked.add(new Period(null, null));
        asked.addAll(periods);
        return new Generated(List.copyOf(events), List.copyOf(asked));
    }

    private static List<Sequenced> lead(String leadId, LeadPlan plan) {
        List<LeadEvent> events = new ArrayList<>();
        Instant at = hour(plan.createdHour());
        events.add(new LeadCreated(leadId, SOURCES.get(plan.source()), null, "NEW", null, at));
        String status = "NEW";
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
                            "deal-of-" + leadId,
                            "pipeline-1",
                            "Deal",
                            new Money(100_000L * choice, "EUR"),
                            null,
                            at));
                    status = "CONVERTED";
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
        return sequenced;
    }

    /** Each lead after all its events, folded in sequence order. */
    static Map<String, Lead> leads(List<Sequenced> events) {
        Map<String, Lead> leads = new LinkedHashMap<>();
        events.stream()
                .sorted(Comparator.comparing(Sequenced::aggregateId).thenComparingLong(Sequenced::sequence))
                .forEach(event -> leads.compute(event.aggregateId(), (id, lead) -> switch (event.event()) {
                    case LeadCreated created ->
                        new Lead(id, created.source(), created.createdAt(), created.status(), false, 1);
                    case LeadUpdated updated ->
                        new Lead(
                                id,
                                lead.source(),
                                lead.createdAt(),
                                updated.status() == null ? lead.status() : updated.status(),
                                lead.erased(),
                                event.sequence());
                    case LeadQualified qualified ->
                        new Lead(
                                id,
                                lead.source(),
                                lead.createdAt(),
                                qualified.toStatus(),
                                lead.erased(),
                                event.sequence());
                    case LeadDisqualified disqualified ->
                        new Lead(id, lead.source(), lead.createdAt(), "DISQUALIFIED", lead.erased(), event.sequence());
                    case LeadConverted converted ->
                        new Lead(id, lead.source(), lead.createdAt(), "CONVERTED", lead.erased(), event.sequence());
                    case LeadErased erased ->
                        new Lead(id, lead.source(), lead.createdAt(), lead.status(), true, event.sequence());
                }));
        return leads;
    }

    /** The funnel over a period, counted from the folded leads: creations per source, most first. */
    static LeadFunnel funnel(List<Sequenced> events, Period period) {
        Map<String, Long> bySource = new TreeMap<>();
        for (Lead lead : leads(events).values()) {
            boolean inPeriod = (period.from() == null || !lead.createdAt().isBefore(period.from()))
                    && (period.to() == null || lead.createdAt().isBefore(period.to()));
            if (inPeriod) {
                bySource.merge(lead.source(), 1L, Long::sum);
            }
        }
        List<LeadFunnel.SourceCount> counts = bySource.entrySet().stream()
                .map(e -> new LeadFunnel.SourceCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(LeadFunnel.SourceCount::created)
                        .reversed())
                .toList();
        long total = bySource.values().stream().mapToLong(Long::longValue).sum();
        return new LeadFunnel(period.from(), period.to(), total, counts);
    }

    private static Instant hour(int hours) {
        return START.plus(Duration.ofHours(hours));
    }
}
