package io.stageflow.analytics.leadfunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeadFunnelTallyTests {

    private static final LeadFunnelQuery QUERY = new LeadFunnelQuery(null, null, Instant.parse("2026-03-22T09:00:00Z"));

    @Test
    void aLeadCountsInEveryStepUpToTheFurthestItReachedAndRatesAreRoundedOnceHalfUp() {
        var tally = new LeadFunnelTally();
        tally.add("web", "spring", LeadStep.WON, false);
        tally.add("web", "spring", LeadStep.SQL, true);
        tally.add("ads", null, LeadStep.CREATED, false);

        LeadFunnel funnel = tally.result(QUERY);

        assertThat(funnel.created()).isEqualTo(3);
        assertThat(funnel.mql()).isEqualTo(2);
        assertThat(funnel.sql()).isEqualTo(2);
        assertThat(funnel.converted()).isEqualTo(1);
        assertThat(funnel.won()).isEqualTo(1);
        assertThat(funnel.disqualified()).isEqualTo(1);
        assertThat(funnel.rates().createdToMql()).isEqualByComparingTo("0.667");
        assertThat(funnel.rates().mqlToSql()).isEqualByComparingTo("1.000");
        assertThat(funnel.rates().sqlToConverted()).isEqualByComparingTo("0.500");
        assertThat(funnel.rates().convertedToWon()).isEqualByComparingTo("1.000");
        assertThat(funnel.rates().createdToWon()).isEqualByComparingTo("0.333");
        assertThat(funnel.bySource())
                .extracting(LeadFunnel.SourceFunnel::source)
                .containsExactly("web", "ads");
        assertThat(funnel.byCampaign().getLast())
                .isEqualTo(new LeadFunnel.CampaignFunnel(
                        null,
                        1,
                        0,
                        0,
                        0,
                        0,
                        0,
                        new LeadFunnel.Rates(
                                LeadFunnelTally.rate(0, 1), null, null, null, LeadFunnelTally.rate(0, 1))));
    }

    @Test
    void groupsOfEqualSizeGoByNameWithTheNamelessLast() {
        var tally = new LeadFunnelTally();
        tally.add(null, null, LeadStep.CREATED, false);
        tally.add("web", "b", LeadStep.CREATED, false);
        tally.add("ads", "a", LeadStep.CREATED, false);

        LeadFunnel funnel = tally.result(QUERY);

        assertThat(funnel.bySource())
                .extracting(LeadFunnel.SourceFunnel::source)
                .containsExactly("ads", "web", null);
        assertThat(funnel.byCampaign())
                .extracting(LeadFunnel.CampaignFunnel::campaign)
                .containsExactly("a", "b", null);
        assertThat(new LeadFunnelTally().result(QUERY).rates())
                .as("no lead, no rate")
                .isEqualTo(new LeadFunnel.Rates(null, null, null, null, null));
    }
}
