package io.stageflow.analytics.deals;

import static io.stageflow.analytics.deals.DealFixtures.day;
import static io.stageflow.analytics.deals.DealFixtures.deal;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked example of docs/metrics.md, counted by hand there. */
class FunnelTallyTests {

    private static final String PIPELINE = "sales";
    private static final List<DealFixtures.Sequenced> EVENTS = DealFixtures.workedExample(PIPELINE);

    @Test
    void countsTheWorkedExampleAsTheHandCalculationDoes() {
        DealFunnel funnel = funnel(EVENTS, day(20), null, null);

        assertThat(funnel.deals()).isEqualTo(10);
        assertThat(funnel.won()).isEqualTo(3);
        assertThat(funnel.lost()).isEqualTo(2);
        assertThat(funnel.open()).isEqualTo(5);
        assertThat(funnel.winRate()).hasToString("0.600");
        assertThat(funnel.stages())
                .containsExactly(
                        stage("lead", "Lead", 10, 10, 2, 8, "0.800", 2, "42.67", "48.00"),
                        stage("qualified", "Qualified", 30, 8, 1, 5, "0.625", 3, "61.71", "48.00"),
                        stage("proposal", "Proposal", 60, 5, 1, 4, "0.800", 1, "90.00", "96.00"),
                        stage("negotiation", "Negotiation", 80, 3, 1, 2, "0.667", 1, "48.00", "48.00"));
        assertThat(funnel.openValue())
                .containsExactly(new CurrencyValue("EUR", "39000.00"), new CurrencyValue("USD", "4000.00"));
        assertThat(funnel.weightedValue())
                .containsExactly(new CurrencyValue("EUR", "18300.00"), new CurrencyValue("USD", "1200.00"));
        assertThat(funnel.pipelineName()).isEqualTo("Sales");
        assertThat(funnel.pipelineVersion()).isEqualTo(1);
    }

    @Test
    void answersAsOfAPastInstantWithWhatWasKnownThen() {
        DealFunnel funnel = funnel(EVENTS, day(6, 3), null, null);

        assertThat(funnel.deals()).isEqualTo(10);
        assertThat(funnel.won()).isZero();
        assertThat(funnel.lost()).isEqualTo(2);
        assertThat(funnel.open()).isEqualTo(8);
        assertThat(funnel.winRate()).hasToString("0.000");
        assertThat(funnel.stages())
                .containsExactly(
                        stage("lead", "Lead", 10, 10, 2, 7, "0.700", 3, "39.00", "48.00"),
                        stage("qualified", "Qualified", 30, 7, 3, 4, "0.571", 3, "52.80", "48.00"),
                        stage("proposal", "Proposal", 60, 4, 2, 1, "0.250", 3, "48.00", "48.00"),
                        stage("negotiation", "Negotiation", 80, 1, 1, 0, "0.000", 1, null, null));
        assertThat(funnel.openValue())
                .containsExactly(new CurrencyValue("EUR", "69000.00"), new CurrencyValue("USD", "12000.00"));
        assertThat(funnel.weightedValue())
                .containsExactly(new CurrencyValue("EUR", "28700.00"), new CurrencyValue("USD", "5200.00"));
    }

    @Test
    void countsOnlyTheDealsCreatedInThePeriodBothDaysIncluded() {
        DealFunnel funnel = funnel(EVENTS, day(20), LocalDate.parse("2026-03-04"), LocalDate.parse("2026-03-05"));

        assertThat(funnel.deals()).as("d5, d6 on the 4th, d7, d8 on the 5th").isEqualTo(4);
        assertThat(funnel.lost()).isEqualTo(1);
        assertThat(funnel.open()).isEqualTo(3);
        assertThat(funnel.stages().getFirst().entered()).isEqualTo(4);
    }

    @Test
    void countsADealThatSkipsAStageAsAdvancedFromTheStageItLeft() {
        var skipper = deal(PIPELINE, "skipper")
                .create(day(0), 100_000, "EUR", "ann", null)
                .moveTo("proposal", day(1))
                .win(day(2));

        DealFunnel funnel = funnel(skipper.events(), day(3), null, null);

        assertThat(funnel.stages()).extracting(DealFunnel.Stage::entered).containsExactly(1L, 0L, 1L, 0L);
        assertThat(funnel.stages())
                .extracting(DealFunnel.Stage::conversionRate)
                .extracting(String::valueOf)
                .containsExactly("1.000", "null", "1.000", "null");
    }

    @Test
    void countsADealMovedBackAndForthOnceInEachStageAndAddsUpItsStays() {
        var pingPong = deal(PIPELINE, "ping-pong")
                .create(day(0), 100_000, "EUR", "ann", null)
                .moveTo("qualified", day(1))
                .moveTo("lead", day(2))
                .moveTo("qualified", day(4))
                .moveTo("lead", day(7));

        DealFunnel funnel = funnel(pingPong.events(), day(8), null, null);

        var lead = funnel.stages().get(0);
        var qualified = funnel.stages().get(1);
        assertThat(lead.entered()).isEqualTo(1);
        assertThat(lead.current()).isEqualTo(1);
        assertThat(lead.advanced()).isEqualTo(1);
        assertThat(lead.avgHoursInStage())
                .as("1 day + 2 days; the stay still going on is not counted")
                .hasToString("72.00");
        assertThat(qualified.entered()).isEqualTo(1);
        assertThat(qualified.advanced()).isZero();
        assertThat(qualified.avgHoursInStage()).as("1 day + 3 days").hasToString("96.00");
    }

    @Test
    void leavesOutDealsCreatedAfterTheInstant() {
        DealFunnel funnel = funnel(EVENTS, day(0), null, null);

        assertThat(funnel.deals())
                .as("d1 and d2, created at day 0 09:00 exactly")
                .isEqualTo(2);
        assertThat(funnel.winRate()).isNull();
    }

    private static DealFunnel funnel(List<DealFixtures.Sequenced> events, Instant asOf, LocalDate from, LocalDate to) {
        var pipeline = DealFixtures.pipelineDefinition(List.of(DealFixtures.pipeline(PIPELINE)));
        var tally = new FunnelTally(PIPELINE, pipeline.inEffectAt(asOf), new DealQuery(PIPELINE, asOf, from, to));
        DealFixtures.histories(events).forEach(tally::add);
        return tally.result();
    }

    private static DealFunnel.Stage stage(
            String key,
            String name,
            int probability,
            long entered,
            long current,
            long advanced,
            String conversionRate,
            long dropOff,
            String avgHours,
            String medianHours) {
        return new DealFunnel.Stage(
                key,
                name,
                probability,
                entered,
                current,
                advanced,
                new BigDecimal(conversionRate),
                dropOff,
                avgHours == null ? null : new BigDecimal(avgHours),
                medianHours == null ? null : new BigDecimal(medianHours));
    }
}
