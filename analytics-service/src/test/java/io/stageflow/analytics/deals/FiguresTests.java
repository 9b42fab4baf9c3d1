package io.stageflow.analytics.deals;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
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
        assertThat(Figures.medianHours(List.of(72 * HOUR, 24 * HOUR, 48 * HOUR)))
                .hasToString("48.00");
        assertThat(Figures.medianHours(List.of(48 * HOUR, 120 * HOUR, 96 * HOUR, 97 * HOUR)))
                .hasToString("96.50");
        assertThat(Figures.medianHours(List.of())).isNull();
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
