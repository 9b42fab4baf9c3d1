package io.stageflow.analytics.deals;

import static io.stageflow.analytics.deals.DealFixtures.day;
import static io.stageflow.analytics.deals.DealFixtures.deal;
import static org.assertj.core.api.Assertions.assertThat;

import io.stageflow.analytics.deals.SalesVelocity.CurrencyFactors;
import io.stageflow.analytics.deals.SalesVelocity.Factors;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked example of docs/metrics.md, counted by hand there. */
class VelocityTallyTests {

    private static final String PIPELINE = "sales";
    private static final List<DealFixtures.Sequenced> EVENTS = DealFixtures.workedExample(PIPELINE);

    @Test
    void showsEveryFactorOfThePipelinesVelocityPerCurrency() {
        SalesVelocity velocity = velocity(EVENTS, day(20));

        // EUR: 4 open × 15,000.00 × 0.6 ÷ 9 days = 4,000.00 a day; USD: 1 × 8,000.00 × 0.6 ÷ 9 = 533.33
        assertThat(velocity.pipeline())
                .isEqualTo(factors(
                        5,
                        3,
                        2,
                        "0.600",
                        "9.00",
                        new CurrencyFactors("EUR", 4, 2, "15000.00", "4000.00"),
                        new CurrencyFactors("USD", 1, 1, "8000.00", "533.33")));
    }

    @Test
    void splitsTheVelocityByTheOwnerOfEachDealAtTheInstant() {
        SalesVelocity velocity = velocity(EVENTS, day(20));

        assertThat(velocity.owners())
                .extracting(SalesVelocity.OwnerFactors::ownerId)
                .containsExactly("ann", "bob");
        // ann: 2 × 15,000.00 × 1 ÷ 9.5 days
        assertThat(velocity.owners().get(0).factors())
                .isEqualTo(factors(2, 2, 0, "1.000", "9.50", new CurrencyFactors("EUR", 2, 2, "15000.00", "3157.89")));
        // bob owns d10 since day 9; no EUR deal of his was won, so no EUR velocity
        assertThat(velocity.owners().get(1).factors())
                .isEqualTo(factors(
                        3,
                        1,
                        2,
                        "0.333",
                        "8.00",
                        new CurrencyFactors("EUR", 2, 0, null, null),
                        new CurrencyFactors("USD", 1, 1, "8000.00", "333.33")));
    }

    @Test
    void countsTheReopenedDealAsLostAsOfAnInstantBeforeItWasReopened() {
        SalesVelocity velocity = velocity(EVENTS, day(10));

        // won d1 (7 days), d4 (8 days); lost d3, d6 and d5 (reopened on day 11)
        assertThat(velocity.pipeline())
                .isEqualTo(factors(
                        5,
                        2,
                        3,
                        "0.400",
                        "7.50",
                        new CurrencyFactors("EUR", 4, 1, "10000.00", "2133.33"),
                        new CurrencyFactors("USD", 1, 1, "8000.00", "426.67")));
    }

    @Test
    void hasNoVelocityWithoutAWonDeal() {
        var open = deal(PIPELINE, "open").create(day(0), 100_000, "EUR", null, null);

        SalesVelocity velocity = velocity(open.events(), day(1));

        assertThat(velocity.pipeline())
                .isEqualTo(factors(1, 0, 0, null, null, new CurrencyFactors("EUR", 1, 0, null, null)));
        assertThat(velocity.owners())
                .singleElement()
                .extracting(SalesVelocity.OwnerFactors::ownerId)
                .isNull();
    }

    private static SalesVelocity velocity(List<DealFixtures.Sequenced> events, Instant asOf) {
        var pipeline = DealFixtures.pipelineDefinition(List.of(DealFixtures.pipeline(PIPELINE)));
        var tally = new VelocityTally(PIPELINE, pipeline.inEffectAt(asOf), new DealQuery(PIPELINE, asOf, null, null));
        DealFixtures.histories(events).forEach(tally::add);
        return tally.result();
    }

    private static Factors factors(
            long open, long won, long lost, String winRate, String cycleDays, CurrencyFactors... currencies) {
        return new Factors(
                open,
                won,
                lost,
                winRate == null ? null : new BigDecimal(winRate),
                cycleDays == null ? null : new BigDecimal(cycleDays),
                List.of(currencies));
    }
}
