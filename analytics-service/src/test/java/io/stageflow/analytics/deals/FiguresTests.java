package io.stageflow.analytics.deals;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class FiguresTests {

    private static final long HOUR = 3_600_000L;

    @Test
    void roundsFractionsHalfUpToThreeDecimalsAndHasNoneForAnEmptyWhole() {
        assertThat(Figures.fraction(5, 8)).hasToString("0.625");
        assertThat(Figures.fraction(2, 3)).hasToString("0.667");
        assertThat(Figures.fraction(1, 3)).hasToString("0.333");
        assertThat(Figures.fraction(0, 2)).hasToString("0.000");
        assertThat(Figures.fraction(0, 0)).isNull();
    }

    @Test
    void takesTheMiddleDurationOrTheMeanOfTheTwoMiddleOnes() {
        assertThat(Figures.medianHours(cells(72 * HOUR, 24 * HOUR, 48 * HOUR))).hasToString("48.00");
        assertThat(Figures.medianHours(cells(48 * HOUR, 120 * HOUR, 96 * HOUR, 97 * HOUR)))
                .hasToString("96.50");
        assertThat(Figures.medianHours(cells(HOUR, HOUR, HOUR, 5 * HOUR))).hasToString("1.00");
        assertThat(Figures.medianHours(new TreeMap<>())).isNull();
    }

    @Test
    void roundsDurationsToHundredthsOfAnHourBeforeTheMedian() {
        // 17 s rounds down to the 0 cell, 18 s up to 0.01 h; the mean of 0.01 and 0.02 is 0.015, shown half up
        assertThat(Figures.hundredthsOfHour(17_999)).isZero();
        assertThat(Figures.hundredthsOfHour(18_000)).isEqualTo(1);
        assertThat(Figures.medianHours(cells(18_000, 54_000))).hasToString("0.02");
        assertThat(Figures.medianHours(cells(17_999, 100 * HOUR, 1))).hasToString("0.00");
    }

    private static TreeMap<Long, Long> cells(long... millis) {
        TreeMap<Long, Long> cells = new TreeMap<>();
        for (long duration : millis) {
            cells.merge(Figures.hundredthsOfHour(duration), 1L, Long::sum);
        }
        return cells;
    }

    @Test
    void averagesDurationsInHoursAndDays() {
        assertThat(Figures.averageHours(BigInteger.valueOf(384 * HOUR), 9)).hasToString("42.67");
        assertThat(Figures.averageDays(BigInteger.valueOf(27 * 24 * HOUR), 3)).hasToString("9.00");
        assertThat(Figures.averageDays(BigInteger.ZERO, 0)).isNull();
    }

    @Test
    void writesMoneyInTheCurrencysMajorUnitsRoundedOnceHalfUp() {
        assertThat(CurrencyValue.of("EUR", BigInteger.valueOf(1_830_000)))
                .isEqualTo(new CurrencyValue("EUR", "18300.00"));
        assertThat(CurrencyValue.of("EUR", BigInteger.valueOf(74_925), BigInteger.valueOf(100))
                        .value())
                .isEqualTo("7.49");
        assertThat(CurrencyValue.of("EUR", BigInteger.valueOf(74_950), BigInteger.valueOf(100))
                        .value())
                .isEqualTo("7.50");
        assertThat(CurrencyValue.of("JPY", BigInteger.valueOf(500)).value()).isEqualTo("500");
        assertThat(CurrencyValue.of("KWD", BigInteger.valueOf(1_500)).value()).isEqualTo("1.500");
        assertThat(CurrencyValue.of("EUR", BigInteger.ZERO).value()).isEqualTo("0.00");
    }
}
