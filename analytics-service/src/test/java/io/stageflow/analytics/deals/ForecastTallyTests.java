package io.stageflow.analytics.deals;

import static io.stageflow.analytics.deals.DealFixtures.day;
import static io.stageflow.analytics.deals.DealFixtures.deal;
import static org.assertj.core.api.Assertions.assertThat;

import io.stageflow.analytics.deals.DealForecast.Month;
import io.stageflow.analytics.deals.DealForecast.OwnerMonths;
import io.stageflow.analytics.deals.DealForecast.StageStaleness;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked example of docs/metrics.md, counted by hand there. */
class ForecastTallyTests {

    private static final String PIPELINE = "sales";
    private static final List<DealFixtures.Sequenced> EVENTS = DealFixtures.workedExample(PIPELINE);

    @Test
    void weighsTheOpenDealsByExpectedCloseMonthAndCurrency() {
        DealForecast forecast = forecast(EVENTS, day(20));

        assertThat(forecast.openDeals()).isEqualTo(5);
        assertThat(forecast.months())
                .containsExactly(
                        new Month("2026-04", "EUR", 2, "27000.00", "17100.00"),
                        new Month("2026-05", "EUR", 1, "3000.00", "300.00"),
                        new Month("2026-05", "USD", 1, "4000.00", "1200.00"),
                        new Month(null, "EUR", 1, "9000.00", "900.00"));
        assertThat(forecast.weightedValue())
                .containsExactly(new CurrencyValue("EUR", "18300.00"), new CurrencyValue("USD", "1200.00"));
        assertThat(forecast.openValue())
                .containsExactly(new CurrencyValue("EUR", "39000.00"), new CurrencyValue("USD", "4000.00"));
    }

    @Test
    void weighsEachOwnersOpenDeals() {
        DealForecast forecast = forecast(EVENTS, day(20));

        assertThat(forecast.owners())
                .containsExactly(
                        new OwnerMonths("ann", List.of(new Month("2026-04", "EUR", 2, "27000.00", "17100.00"))),
                        new OwnerMonths(
                                "bob",
                                List.of(
                                        new Month("2026-05", "EUR", 1, "3000.00", "300.00"),
                                        new Month("2026-05", "USD", 1, "4000.00", "1200.00"),
                                        new Month(null, "EUR", 1, "9000.00", "900.00"))));
    }

    @Test
    void countsTheStaleDealsOfEachStageAsOfTheInstant() {
        assertThat(forecast(EVENTS, day(20)).staleDeals())
                .containsExactly(
                        new StageStaleness("lead", "Lead", 2, 2),
                        new StageStaleness("qualified", "Qualified", 1, 0),
                        new StageStaleness("proposal", "Proposal", 1, 1),
                        new StageStaleness("negotiation", "Negotiation", 1, 0));
        assertThat(forecast(EVENTS, day(11)).staleDeals())
                .as("only d7 had gone stale by day 11")
                .containsExactly(
                        new StageStaleness("lead", "Lead", 2, 1),
                        new StageStaleness("qualified", "Qualified", 1, 0),
                        new StageStaleness("proposal", "Proposal", 2, 0),
                        new StageStaleness("negotiation", "Negotiation", 1, 0));
    }

    @Test
    void roundsTheWeightedSumOnceNotEachDeal() {
        List<DealFixtures.Sequenced> events = new ArrayList<>();
        // 3.33 EUR at 75 % is 2.4975 EUR; rounded per deal three deals would make 7.50, summed first 7.49
        for (String id : List.of("a", "b", "c")) {
            events.addAll(deal(PIPELINE, id)
                    .create(day(0), 333, "EUR", "ann", "2026-04-01")
                    .moveTo("negotiation", day(1))
                    .setProbability(75, day(2))
                    .events());
        }

        DealForecast forecast = forecast(events, day(3));

        assertThat(forecast.months()).containsExactly(new Month("2026-04", "EUR", 3, "9.99", "7.49"));
    }

    @Test
    void keepsEachCurrencysMinorUnit() {
        var yen = deal(PIPELINE, "yen").create(day(0), 12_345, "JPY", "ann", "2026-04-01");

        DealForecast forecast = forecast(yen.events(), day(1));

        assertThat(forecast.months()).containsExactly(new Month("2026-04", "JPY", 1, "12345", "1235"));
    }

    private static DealForecast forecast(List<DealFixtures.Sequenced> events, Instant asOf) {
        var pipeline = DealFixtures.pipelineDefinition(List.of(DealFixtures.pipeline(PIPELINE)));
        var tally = new ForecastTally(PIPELINE, pipeline.inEffectAt(asOf), new DealQuery(PIPELINE, asOf, null, null));
        DealFixtures.histories(events).forEach(tally::add);
        return tally.result();
    }
}
