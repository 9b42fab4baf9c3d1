package io.stageflow.analytics;

import java.util.function.Supplier;
import java.util.stream.LongStream;

/**
 * Fixed but varied seeds for the tests that run over random histories: each case is named by its seed, so a failure
 * tells which seed to rerun, and every run generates the same cases.
 */
public final class Seeds {

    private Seeds() {}

    /** {@code tries} seeds, the same ones every run. */
    public static LongStream of(int tries) {
        return LongStream.range(0, tries).map(i -> 0x5DEECE66DL * (i + 1));
    }

    /**
     * Runs {@code step}; an exception it throws fails the test with {@code description}, which names the seed and
     * what was generated from it (assertions carry the same description themselves).
     */
    public static void failingWith(String description, Runnable step) {
        failingWith(description, () -> {
            step.run();
            return null;
        });
    }

    /** The same for a step with a result. */
    public static <T> T failingWith(String description, Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            throw new AssertionError(description, e);
        }
    }
}
