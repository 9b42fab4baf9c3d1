package io.stageflow.analytics.leadfunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.stageflow.analytics.leadfunnel.LeadFunnelEntry.StatusStay;
import io.stageflow.events.lead.LeadConverted;
import io.stageflow.events.lead.LeadCreated;
import io.stageflow.events.lead.LeadDisqualified;
import io.stageflow.events.lead.LeadQualified;
import io.stageflow.events.lead.LeadUpdated;
import io.stageflow.events.lead.Utm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeadFunnelEntryTests {

    private static final Instant DAY_0 = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void keepsEveryStatusWithTheInstantsTheEventsCarryAndAnEditNamingTheSameStatusIsNoMove() {
        var entry = LeadFunnelEntry.created(
                        "t",
                        new LeadCreated(
                                "l", "web", new Utm("news", "email", " spring ", null, null), "NEW", null, day(0)),
                        1)
                .then(new LeadUpdated("l", List.of("phone"), "NEW", 10, day(1)), 2)
                .then(new LeadQualified("l", "NEW", "SQL", 90, day(2)), 3)
                .then(new LeadConverted("l", "d", "p", "Deal", null, null, day(3)), 4);

        assertThat(entry.campaign()).isEqualTo("spring");
        assertThat(entry.status()).isEqualTo("CONVERTED");
        assertThat(entry.dealId()).isEqualTo("d");
        assertThat(entry.sequence()).isEqualTo(4);
        assertThat(entry.statuses())
                .containsExactly(
                        new StatusStay("NEW", day(0), day(2)),
                        new StatusStay("SQL", day(2), day(3)),
                        new StatusStay("CONVERTED", day(3), null));
    }

    @Test
    void reachesEveryStepUpToTheFurthestStatusEnteredAtOrBeforeTheInstantAndKeepsItWhenDisqualified() {
        var entry = LeadFunnelEntry.created("t", new LeadCreated("l", "web", null, "NEW", null, day(0)), 1)
                .then(new LeadQualified("l", "NEW", "MQL", 60, day(1)), 2)
                .then(new LeadUpdated("l", List.of("status"), "NURTURING", 10, day(2)), 3)
                .then(new LeadDisqualified("l", "NURTURING", "no budget", day(3)), 4);

        assertThat(entry.campaign()).isNull();
        assertThat(entry.reachedBy(day(1).minusMillis(1))).isEqualTo(LeadStep.CREATED);
        assertThat(entry.reachedBy(day(1))).as("at the instant itself").isEqualTo(LeadStep.MQL);
        assertThat(entry.reachedBy(day(2))).as("moved back, still reached").isEqualTo(LeadStep.MQL);
        assertThat(entry.reachedBy(day(9))).as("disqualified, still reached").isEqualTo(LeadStep.MQL);
        assertThat(entry.statusAt(day(3).minusMillis(1))).isEqualTo("NURTURING");
        assertThat(entry.statusAt(day(3))).isEqualTo("DISQUALIFIED");
    }

    @Test
    void anEntryWrittenBeforeTheHistoryWasKeptAnswersFromItsLastStatus() {
        var legacy = new LeadFunnelEntry("t:l", "t", "l", "web", null, "SQL", day(0), null, null, false, 3, null);

        assertThat(legacy.reachedBy(day(0))).isEqualTo(LeadStep.SQL);
        assertThat(legacy.then(new LeadDisqualified("l", "SQL", "no", day(4)), 4)
                        .statuses())
                .containsExactly(new StatusStay("SQL", day(0), day(4)), new StatusStay("DISQUALIFIED", day(4), null));
    }

    private static Instant day(int day) {
        return DAY_0.plus(Duration.ofDays(day));
    }
}
