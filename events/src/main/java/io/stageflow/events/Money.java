package io.stageflow.events;

/**
 * An exact amount in the currency's minor units (cents for EUR, yen for JPY) and its ISO 4217 code; never
 * a floating-point number.
 */
public record Money(long minorUnits, String currency) {}
