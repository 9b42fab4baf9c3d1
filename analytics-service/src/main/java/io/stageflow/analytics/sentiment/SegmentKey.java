package io.stageflow.analytics.sentiment;

import java.util.Comparator;
import java.util.Objects;

/**
 * One segment of a breakdown: a value of the chosen attribute, or {@code null} for responses without it. Those
 * are a segment like any other: leaving them out would let anyone subtract them from the total.
 */
record SegmentKey(String value) {

    /** By name, the segment without a value last: the order segments are listed and ties are broken in. */
    static final Comparator<SegmentKey> ORDER =
            Comparator.comparing(SegmentKey::value, Comparator.nullsLast(Comparator.naturalOrder()));

    boolean matches(String attribute) {
        return Objects.equals(value, attribute);
    }
}
