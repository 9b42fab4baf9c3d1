package io.stageflow.platform.money;

import io.stageflow.events.Money;
import io.stageflow.platform.web.FieldError;
import io.stageflow.platform.web.InvalidInputException;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/**
 * An exact amount in major units (12500.00 EUR), as people and APIs write it. Stored and published as
 * {@link Money} in minor units; never a floating-point number.
 */
public record Amount(
        @NotNull @DecimalMin("0") BigDecimal value, @NotNull Currency currency) {

    public static Amount of(Money money) {
        Currency currency = Currency.getInstance(money.currency());
        return new Amount(
                BigDecimal.valueOf(money.minorUnits(), Math.max(0, currency.getDefaultFractionDigits())), currency);
    }

    /** Throws when the amount has more decimals than the currency allows (1.005 EUR); see {@link #problem}. */
    public Money toMinorUnits() {
        BigDecimal minor = value.movePointRight(Math.max(0, currency.getDefaultFractionDigits()));
        return new Money(minor.longValueExact(), currency.getCurrencyCode());
    }

    /** The amount in minor units; 400 naming {@code field} when it is negative or finer than the currency allows. */
    public Money toMinorUnits(String field) {
        problem(field).ifPresent(problem -> {
            throw new InvalidInputException(List.of(problem));
        });
        return toMinorUnits();
    }

    /** What is wrong with this amount for {@code field}, if anything: negative, or finer than the currency's cents. */
    public Optional<FieldError> problem(String field) {
        if (value.signum() < 0) {
            return Optional.of(new FieldError(field + ".value", "must not be negative"));
        }
        try {
            toMinorUnits();
            return Optional.empty();
        } catch (ArithmeticException e) {
            return Optional.of(new FieldError(
                    field + ".value",
                    "has more decimals than " + currency.getCurrencyCode() + " allows ("
                            + currency.getDefaultFractionDigits() + ")"));
        }
    }
}
