package io.stageflow.lead.leads;

import io.stageflow.events.Money;
import java.math.BigDecimal;
import java.util.Currency;

/** An exact amount in major units (12500.00 EUR), as people and APIs write it. */
public record Amount(BigDecimal value, Currency currency) {

    /** Throws when the amount has more decimals than the currency allows (1.005 EUR). */
    public Money toMinorUnits() {
        BigDecimal minor = value.movePointRight(currency.getDefaultFractionDigits());
        return new Money(minor.longValueExact(), currency.getCurrencyCode());
    }
}
