package io.stageflow.lead.leads;

import io.stageflow.lead.scoring.LeadScoring;
import io.stageflow.lead.scoring.ScoringProperties;
import io.stageflow.lead.scoring.ScoringRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Leads, scoring rules and a movable clock for domain tests. */
public final class LeadFixtures {

    public static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private LeadFixtures() {}

    /** Threshold 60: a German head of something at a 250+ software company (65) qualifies, a bare lead does not. */
    public static ScoringRules rules() {
        return new ScoringRules(
                60,
                Duration.ofDays(30),
                List.of(new ScoringRules.SizeBand(1, 249, 5), new ScoringRules.SizeBand(250, null, 25)),
                Map.of("software", 15),
                List.of(new ScoringRules.TitleRule("head", 15)),
                Map.of("DE", 10),
                Map.of(ActivityType.FORM_SUBMISSION, 20, ActivityType.PAGE_VISIT, 2, ActivityType.EMAIL_CLICK, 5));
    }

    public static LeadScoring scoring() {
        return new LeadScoring(new ScoringProperties(rules(), Map.of()));
    }

    public static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    public static LeadDraft draft(String email) {
        return new LeadDraft(
                email,
                new Profile("Ada", "Lovelace", "Engines Ltd", "Engineer", "+44 20 1234", null, 10, "GB"),
                "web",
                new Attribution("newsletter", "email", "spring", null, null),
                null,
                null,
                Set.of(),
                Map.of(),
                List.of(),
                null,
                T0);
    }

    public static LeadDraft qualifyingDraft(String email) {
        return new LeadDraft(
                email,
                new Profile("Lena", "Schmidt", "Code GmbH", "Head of IT", null, "software", 400, "DE"),
                "event",
                null,
                null,
                null,
                Set.of(),
                Map.of(),
                List.of(),
                null,
                T0);
    }

    public static Lead lead() {
        return Lead.create("tenant-a", draft("ada@example.com"), scoring(), clockAt(T0));
    }

    public static Lead leadIn(LeadStatus status) {
        Lead lead = lead();
        Clock clock = clockAt(T0.plusSeconds(60));
        switch (status) {
            case NEW -> {}
            case CONTACTED, NURTURING -> lead.edit(editStatus(status), scoring(), clock);
            case MQL -> lead.merge(engagement(ActivityType.FORM_SUBMISSION, 3, T0, "mql"), scoring(), clock);
            case SQL -> lead.qualify(scoring(), clock);
            case CONVERTED -> {
                lead.qualify(scoring(), clock);
                lead.convert(new Conversion(null, null, null), clock);
            }
            case DISQUALIFIED -> lead.disqualify("no budget", clock);
        }
        return lead;
    }

    public static LeadEdit editStatus(LeadStatus status) {
        return new LeadEdit(null, null, null, null, null, status);
    }

    public static LeadDraft engagement(ActivityType type, int count, Instant at, String intakeKey) {
        return new LeadDraft(
                "ada@example.com",
                null,
                null,
                null,
                null,
                null,
                Set.of(),
                Map.of(),
                List.of(new Activity(type, at, count, intakeKey + "#0")),
                intakeKey,
                at);
    }
}
