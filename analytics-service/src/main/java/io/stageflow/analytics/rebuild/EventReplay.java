package io.stageflow.analytics.rebuild;

import io.stageflow.analytics.sequencing.Generation;

/** The projection topics read again from their beginning, to fill a new generation of the projections. */
public interface EventReplay {

    /** Captures where every partition of the topics ends now: the replay reads up to there and no further. */
    Run start();

    /** One replay, up to the end offsets captured when it started. */
    interface Run extends AutoCloseable {

        /** The records between the beginning and the captured end of every partition. */
        long records();

        /**
         * Applies every captured record to the projections of {@code generation}, in partition order, calling
         * {@code progress} after each. Records that can never be read are skipped, as the live consumer sends them
         * to the dead-letter topic.
         */
        void applyTo(Generation generation, Runnable progress);

        /** Applies events left parked in {@code generation} whose predecessors came meanwhile. */
        void applyReadyParked(Generation generation);

        @Override
        void close();
    }
}
