package io.stageflow.analytics.sentiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;

/**
 * A survey's numeric questions in one run or in the runs of a period. {@code suppressed} means too few people
 * answered to show anything; a question or segment is suppressed on its own when too few answered it. Suppressed
 * parts stay listed with null numbers. {@code trend} only for a period, one entry per run in run order.
 */
record PulseReport(
        String surveyId,
        String runId,
        LocalDate from,
        LocalDate to,
        String segmentBy,
        boolean suppressed,
        Long responses,
        long invited,
        BigDecimal responseRate,
        List<Question> questions,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<TrendPoint> trend) {

    /**
     * One group's answers to a question: how many, their mean to 2 decimals (null for single choice, where a mean
     * of option indexes means nothing) and how often each value was chosen, every value of the type listed.
     */
    record Answers(Long responses, BigDecimal average, SortedMap<Integer, Long> distribution) {

        static final Answers SUPPRESSED = new Answers(null, null, null);
    }

    record Question(
            String questionId,
            String type,
            String text,
            boolean suppressed,
            @JsonUnwrapped Answers answers,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<Segment> segments) {}

    record Segment(
            String segment,
            boolean suppressed,
            @JsonUnwrapped Answers answers) {}

    record TrendPoint(
            String runId,
            int runNumber,
            Instant opensAt,
            boolean closed,
            boolean suppressed,
            Long responses,
            List<QuestionAverage> averages) {}

    record QuestionAverage(String questionId, boolean suppressed, Long responses, BigDecimal average) {}
}
