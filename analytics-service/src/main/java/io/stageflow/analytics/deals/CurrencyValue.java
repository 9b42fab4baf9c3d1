package io.stageflow.analytics.deals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * An amount of one currency in major units as a decimal string ({@code "18300.00"}), so that no JSON client reads
 * it into a floating-point number.
 */
record CurrencyValue(String currency, String value) {

    /**
     * {@code minorUnits / divisor} in major units, rounded half up to the currency's minor unit once, at the end:
     * sums stay exact until then.
     */
    static CurrencyValue of(String currency, BigInteger minorUnits, BigInteger divisor) {
        BigDecimal minor = new BigDecimal(minorUnits).divide(new BigDecimal(divisor), 0, RoundingMode.HALF_UP);
        return new CurrencyValue(
                currency, minor.movePointLeft(fractionDigits(currency)).toPlainString());
    }

    static CurrencyValue of(String currency, BigInteger minorUnits) {
        return of(currency, minorUnits, BigInteger.ONE);
    }

    /** 2 for EUR, 0 for JPY, 3 for KWD; a code the JDK does not know is read with 2 rather than refused. */
    static int fractionDigits(String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException | NullPointerException e) {
            return 2;
        }
    }
}
