package io.stageflow.analytics.deals;

import io.stageflow.events.Money;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Open and probability-weighted values per currency, summed exactly: amounts in minor units, weighted ones as
 * minor units × percent, so that 75 % of 3.33 EUR is kept as 249.75 cents until the total is rounded once.
 */
final class CurrencySums {

    private static final BigInteger PERCENT = BigInteger.valueOf(100);

    private final Map<String, BigInteger> value = new TreeMap<>();
    private final Map<String, BigInteger> weightedTimesHundred = new TreeMap<>();
    private final Map<String, Long> deals = new TreeMap<>();

    /** Adds a deal's amount at its probability (0–100); a deal without an amount adds nothing. */
    void add(Money amount, int probability) {
        if (amount == null || amount.currency() == null) {
            return;
        }
        value.merge(amount.currency(), BigInteger.valueOf(amount.minorUnits()), BigInteger::add);
        weightedTimesHundred.merge(
                amount.currency(),
                BigInteger.valueOf(amount.minorUnits()).multiply(BigInteger.valueOf(probability)),
                BigInteger::add);
        deals.merge(amount.currency(), 1L, Long::sum);
    }

    /** Adds what {@code deals} deals sum to: their amounts and their amounts × probability. */
    void add(String currency, long deals, long minorUnits, long minorUnitsTimesPercent) {
        value.merge(currency, BigInteger.valueOf(minorUnits), BigInteger::add);
        weightedTimesHundred.merge(currency, BigInteger.valueOf(minorUnitsTimesPercent), BigInteger::add);
        this.deals.merge(currency, deals, Long::sum);
    }

    /** Currencies in alphabetical order. */
    List<String> currencies() {
        return List.copyOf(value.keySet());
    }

    long deals(String currency) {
        return deals.getOrDefault(currency, 0L);
    }

    CurrencyValue value(String currency) {
        return CurrencyValue.of(currency, value.getOrDefault(currency, BigInteger.ZERO));
    }

    CurrencyValue weighted(String currency) {
        return CurrencyValue.of(currency, weightedTimesHundred.getOrDefault(currency, BigInteger.ZERO), PERCENT);
    }

    List<CurrencyValue> values() {
        return currencies().stream().map(this::value).toList();
    }

    List<CurrencyValue> weightedValues() {
        return currencies().stream().map(this::weighted).toList();
    }
}
