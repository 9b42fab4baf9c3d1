package io.stageflow.lead.leads;

import static io.stageflow.lead.leads.LeadFixtures.T0;
import static io.stageflow.lead.leads.LeadFixtures.clockAt;
import static io.stageflow.lead.leads.LeadFixtures.draft;
import static io.stageflow.lead.leads.LeadFixtures.editStatus;
import static io.stageflow.lead.leads.LeadFixtures.lead;
import static io.stageflow.lead.leads.LeadFixtures.leadIn;
import static io.stageflow.lead.leads.LeadFixtures.scoring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stageflow.events.Money;
import io.stageflow.events.lead.LeadConverted;
import io.stageflow.events.lead.LeadCreated;
import io.stageflow.events.lead.LeadDisqualified;
import io.stageflow.events.lead.LeadErased;
import io.stageflow.events.lead.LeadQualified;
import io.stageflow.events.lead.LeadUpdated;
import io.stageflow.platform.money.Amount;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LeadTests {

    static final Clock LATER = clockAt(T0.plusSeconds(3600));

    @Test
    void newLeadHasANormalisedEmailAndRecordsLeadCreatedWithoutContactDetails() {
        Lead lead = Lead.create("tenant-a", draft("  Ada@Example.COM "), scoring(), clockAt(T0.plusNanos(123_456_789)));

        assertThat(lead.email()).isEqualTo("ada@example.com");
        assertThat(lead.status()).isEqualTo(LeadStatus.NEW);
        assertThat(lead.createdAt()).as("milliseconds, as stored").isEqualTo(T0.plusMillis(123));
        assertThat(lead.recordedEvents()).singleElement().isInstanceOfSatisfying(LeadCreated.class, created -> {
            assertThat(created.leadId()).isEqualTo(lead.id());
            assertThat(created.source()).isEqualTo("web");
            assertThat(created.utm().campaign()).isEqualTo("spring");
        });
    }

    @Test
    void leadThatFitsWellEnoughIsAnMqlFromTheStart() {
        Lead lead = Lead.create("tenant-a", LeadFixtures.qualifyingDraft("lena@example.de"), scoring(), clockAt(T0));

        assertThat(lead.score()).isEqualTo(65);
        assertThat(lead.status()).isEqualTo(LeadStatus.MQL);
        assertThat(lead.recordedEvents())
                .hasSize(2)
                .last()
                .isEqualTo(new LeadQualified(lead.id(), "NEW", "MQL", 65, T0));
    }

    @Test
    void engagementCrossingTheThresholdPromotesToMql() {
        Lead lead = lead();

        lead.merge(LeadFixtures.engagement(ActivityType.FORM_SUBMISSION, 3, T0, "ma-1"), scoring(), LATER);

        assertThat(lead.status()).isEqualTo(LeadStatus.MQL);
        assertThat(lead.recordedEvents()).last().isInstanceOf(LeadQualified.class);
    }

    @Test
    void theSameIntakeReportTwiceCountsOnce() {
        Lead lead = lead();
        var report = LeadFixtures.engagement(ActivityType.PAGE_VISIT, 2, T0, "ma-7");

        assertThat(lead.merge(report, scoring(), LATER)).isTrue();
        int score = lead.score();
        assertThat(lead.merge(report, scoring(), LATER)).isFalse();

        assertThat(lead.score()).isEqualTo(score);
        assertThat(lead.activities()).hasSize(1);
    }

    @Test
    void mergeLetsNewerNonEmptyValuesWinAndOlderOnesOnlyFillGaps() {
        Lead lead = lead();
        var newer = new LeadDraft(
                "ada@example.com",
                new Profile("Augusta Ada", null, "", "CTO", null, null, null, null),
                null,
                null,
                null,
                null,
                Set.of("vip"),
                Map.of(),
                List.of(),
                "k1",
                T0.plusSeconds(10));
        var older = new LeadDraft(
                "ada@example.com",
                new Profile("Old Name", null, null, "Intern", null, "finance", 99, null),
                null,
                null,
                null,
                null,
                Set.of(),
                Map.of(),
                List.of(),
                "k2",
                T0.minusSeconds(3600));

        lead.merge(newer, scoring(), LATER);
        lead.merge(older, scoring(), LATER);

        assertThat(lead.profile().firstName()).isEqualTo("Augusta Ada");
        assertThat(lead.profile().company()).as("empty values never overwrite").isEqualTo("Engines Ltd");
        assertThat(lead.profile().jobTitle())
                .as("older value does not overwrite")
                .isEqualTo("CTO");
        assertThat(lead.profile().industry()).as("older value fills a gap").isEqualTo("finance");
        assertThat(lead.profile().companySize())
                .as("older value does not overwrite")
                .isEqualTo(10);
        assertThat(lead.tags()).containsExactly("vip");
        assertThat(lead.recordedEvents())
                .filteredOn(LeadUpdated.class::isInstance)
                .hasSize(2);
    }

    @Test
    void consentKeepsItsHistoryAndTheLatestGivenIsCurrent() {
        Lead lead = lead();
        var yes = new Consent(true, T0, "newsletter-form");
        var no = new Consent(false, T0.plusSeconds(100), "unsubscribe-link");

        lead.merge(consentDraft(no, "c2"), scoring(), LATER);
        lead.merge(consentDraft(yes, "c1"), scoring(), LATER);

        assertThat(lead.consentHistory()).containsExactly(yes, no);
        assertThat(lead.consent()).isEqualTo(no);
    }

    @Test
    void editRecordsOneUpdateNamingTheChangedFieldsAndNothingWhenNothingChanged() {
        Lead lead = lead();
        var edit = new LeadEdit(
                new Profile(null, null, "Difference Engines", null, "", null, null, null),
                "owner-1",
                null,
                null,
                null,
                null);

        lead.edit(edit, scoring(), LATER);
        lead.edit(edit, scoring(), LATER);

        assertThat(lead.profile().phone()).as("an empty string clears").isNull();
        assertThat(lead.recordedEvents())
                .filteredOn(LeadUpdated.class::isInstance)
                .singleElement()
                .extracting(e -> ((LeadUpdated) e).changedFields())
                .isEqualTo(List.of("company", "ownerId", "phone"));
    }

    @Test
    void editingMovesALeadForwardToContactedThenNurturing() {
        Lead lead = lead();

        lead.edit(editStatus(LeadStatus.CONTACTED), scoring(), LATER);
        lead.edit(editStatus(LeadStatus.NURTURING), scoring(), LATER);

        assertThat(lead.status()).isEqualTo(LeadStatus.NURTURING);
    }

    @Test
    void rejectsMovingBackwardsOrSettingActionStatusesByEditingAndChangesNothing() {
        Lead lead = leadIn(LeadStatus.NURTURING);
        int events = lead.recordedEvents().size();

        assertThatThrownBy(() -> lead.edit(editStatus(LeadStatus.CONTACTED), scoring(), LATER))
                .isInstanceOf(IllegalLeadTransitionException.class);
        assertThatThrownBy(() -> lead.edit(editStatus(LeadStatus.SQL), scoring(), LATER))
                .isInstanceOf(IllegalLeadTransitionException.class);
        assertThat(lead.status()).isEqualTo(LeadStatus.NURTURING);
        assertThat(lead.recordedEvents()).hasSize(events);
    }

    @ParameterizedTest
    @EnumSource(
            value = LeadStatus.class,
            names = {"NEW", "CONTACTED", "NURTURING", "MQL"})
    void peopleQualifyLeadsThatAreNotYetSalesQualified(LeadStatus from) {
        Lead lead = leadIn(from);

        lead.qualify(scoring(), LATER);

        assertThat(lead.status()).isEqualTo(LeadStatus.SQL);
        assertThat(lead.recordedEvents()).last().isInstanceOfSatisfying(LeadQualified.class, q -> {
            assertThat(q.fromStatus()).isEqualTo(from.name());
            assertThat(q.toStatus()).isEqualTo("SQL");
        });
    }

    @ParameterizedTest
    @EnumSource(
            value = LeadStatus.class,
            names = {"SQL", "CONVERTED", "DISQUALIFIED"})
    void rejectsQualifyingAgainOrAfterTheEnd(LeadStatus from) {
        assertThatThrownBy(() -> leadIn(from).qualify(scoring(), LATER))
                .isInstanceOf(IllegalLeadTransitionException.class);
    }

    @ParameterizedTest
    @EnumSource(
            value = LeadStatus.class,
            names = {"NEW", "CONTACTED", "NURTURING", "MQL", "SQL"})
    void disqualifiesFromAnyOpenStatusWithTheReason(LeadStatus from) {
        Lead lead = leadIn(from);

        lead.disqualify("competitor", LATER);

        assertThat(lead.status()).isEqualTo(LeadStatus.DISQUALIFIED);
        assertThat(lead.disqualificationReason()).isEqualTo("competitor");
        assertThat(lead.recordedEvents())
                .last()
                .isEqualTo(new LeadDisqualified(lead.id(), from.name(), "competitor", LATER.instant()));
    }

    @ParameterizedTest
    @EnumSource(
            value = LeadStatus.class,
            names = {"CONVERTED", "DISQUALIFIED"})
    void rejectsDisqualifyingAClosedLead(LeadStatus from) {
        assertThatThrownBy(() -> leadIn(from).disqualify("late", LATER))
                .isInstanceOf(IllegalLeadTransitionException.class);
    }

    @Test
    void convertingASalesQualifiedLeadRecordsTheDealToOpenWithAnExactAmount() {
        Lead lead = leadIn(LeadStatus.SQL);

        String dealId = lead.convert(
                new Conversion(
                        "sales",
                        "Engines – 50 seats",
                        new Amount(new BigDecimal("12500.50"), Currency.getInstance("EUR"))),
                LATER);

        assertThat(lead.status()).isEqualTo(LeadStatus.CONVERTED);
        assertThat(lead.recordedEvents())
                .last()
                .isEqualTo(new LeadConverted(
                        lead.id(),
                        dealId,
                        "sales",
                        "Engines – 50 seats",
                        new Money(1_250_050, "EUR"),
                        null,
                        LATER.instant()));
    }

    @ParameterizedTest
    @EnumSource(
            value = LeadStatus.class,
            names = {"NEW", "MQL", "CONVERTED", "DISQUALIFIED"})
    void onlySalesQualifiedLeadsConvert(LeadStatus from) {
        assertThatThrownBy(() -> leadIn(from).convert(new Conversion(null, null, null), LATER))
                .isInstanceOf(IllegalLeadTransitionException.class);
    }

    @Test
    void erasureRemovesEveryPersonalFieldKeepsWhatAnalyticsCountsAndRefusesLaterChanges() {
        Lead lead = lead();
        lead.merge(consentDraft(new Consent(true, T0, "form"), "c"), scoring(), LATER);

        lead.erase(LATER);
        lead.erase(LATER);

        assertThat(lead.email()).isNull();
        assertThat(lead.profile()).isEqualTo(Profile.EMPTY);
        assertThat(lead.consent()).isNull();
        assertThat(lead.consentHistory()).isEmpty();
        assertThat(lead.activities()).isEmpty();
        assertThat(lead.source()).isEqualTo("web");
        assertThat(lead.createdAt()).isEqualTo(T0);
        assertThat(lead.recordedEvents())
                .filteredOn(LeadErased.class::isInstance)
                .hasSize(1);
        assertThatThrownBy(() -> lead.qualify(scoring(), LATER)).isInstanceOf(IllegalLeadTransitionException.class);
    }

    private static LeadDraft consentDraft(Consent consent, String key) {
        return new LeadDraft(
                "ada@example.com", null, null, null, consent, null, Set.of(), Map.of(), List.of(), key, T0);
    }
}
