package io.stageflow.analytics.sentiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The eNPS of one run or of the runs in a period. {@code suppressed} means too few answered to show anything:
 * every number is null then. {@code segments} only when a segment attribute was asked for; {@code trend} only
 * for a period, one entry per run in run order.
 */
record EnpsReport(
        String surveyId,
        String runId,
        LocalDate from,
        LocalDate to,
        String scale,
        String segmentBy,
        boolean suppressed,
        @JsonUnwrapped Numbers numbers,
        long invited,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Segment> segments,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<TrendPoint> trend) {

    /** The numbers of one group; all null when the group is suppressed. */
    record Numbers(
            BigDecimal score, Long responses, Long promoters, Long passives, Long detractors, BigDecimal responseRate) {

        static final Numbers SUPPRESSED = new Numbers(null, null, null, null, null, null);

        static Numbers of(EnpsTally tally, long invited) {
            return new Numbers(
                    tally.score(),
                    tally.responses(),
                    tally.promoters(),
                    tally.passives(),
                    tally.detractors(),
                    ResponseRate.of(tally.responses(), invited));
        }
    }

    /** One segment: listed even when suppressed, never left out. */
    record Segment(
            String segment,
            boolean suppressed,
            @JsonUnwrapped Numbers numbers) {}

    record TrendPoint(
            String runId,
            int runNumber,
            Instant opensAt,
            boolean closed,
            boolean suppressed,
            @JsonUnwrapped Numbers numbers,
            long invited) {}
}
