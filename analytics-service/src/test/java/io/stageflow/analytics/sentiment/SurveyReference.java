package io.stageflow.analytics.sentiment;

import io.stageflow.analytics.sentiment.SurveyFixtures.Sequenced;
import io.stageflow.events.survey.NumericAnswer;
import io.stageflow.events.survey.SegmentInvitations;
import io.stageflow.events.survey.SurveyAnswered;
import io.stageflow.events.survey.SurveyPublished;
import io.stageflow.events.survey.SurveyQuestion;
import io.stageflow.events.survey.SurveyRunClosed;
import io.stageflow.events.survey.SurveyRunOpened;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * eNPS and pulse computed the plain way from the events, for the properties to compare the projections with: lists
 * of answers per run, counted and divided. Only the output records and the published rules are shared: the
 * minimum of 5 per shown group, hiding a second segment when exactly one is hidden, periods counting the runs that
 * may be shown on their own.
 */
final class SurveyReference {

    private static final int MINIMUM = 5;

    private SurveyReference() {}

    /** A run as its events tell it, answers in sequence order. */
    record Run(SurveyRunOpened opened, List<SurveyAnswered> answers, boolean closed) {

        String runId() {
            return opened.runId();
        }

        /** Values given to a question, with the team of whoever gave them. */
        List<TeamValue> values(String questionId) {
            List<TeamValue> values = new ArrayList<>();
            for (SurveyAnswered answer : answers) {
                answer.answers().stream()
                        .filter(a -> a.questionId().equals(questionId))
                        .map(NumericAnswer::value)
                        .findFirst()
                        .ifPresent(value ->
                                values.add(new TeamValue(answer.segment().team(), value)));
            }
            return values;
        }

        long invited(String team) {
            return opened.segments().stream()
                    .filter(s -> Objects.equals(s.segment().team(), team))
                    .mapToLong(SegmentInvitations::invited)
                    .sum();
        }
    }

    record TeamValue(String team, int value) {}

    static SurveyPublished survey(List<Sequenced> events) {
        return events.stream()
                .filter(e -> e.event() instanceof SurveyPublished)
                .max(Comparator.comparingLong(Sequenced::sequence))
                .map(e -> (SurveyPublished) e.event())
                .orElseThrow();
    }

    /** Every run in run order. */
    static List<Run> runs(List<Sequenced> events) {
        Map<String, List<Sequenced>> byRun = new LinkedHashMap<>();
        events.stream()
                .filter(e -> e.event() instanceof SurveyRunOpened
                        || e.event() instanceof SurveyAnswered
                        || e.event() instanceof SurveyRunClosed)
                .forEach(e -> byRun.computeIfAbsent(e.aggregateId(), id -> new ArrayList<>())
                        .add(e));
        return byRun.values().stream()
                .map(runEvents -> {
                    var ordered = runEvents.stream()
                            .sorted(Comparator.comparingLong(Sequenced::sequence))
                            .map(Sequenced::event)
                            .toList();
                    return new Run(
                            (SurveyRunOpened) ordered.getFirst(),
                            ordered.stream()
                                    .filter(SurveyAnswered.class::isInstance)
                                    .map(SurveyAnswered.class::cast)
                                    .toList(),
                            ordered.getLast() instanceof SurveyRunClosed);
                })
                .sorted(Comparator.comparingInt((Run run) -> run.opened().runNumber())
                        .thenComparing(run -> run.opened().opensAt()))
                .toList();
    }

    /** The eNPS of one run, in all or per team. */
    static EnpsReport enpsOfRun(List<Sequenced> events, String runId, boolean byTeam) {
        SurveyPublished survey = survey(events);
        Run run = runs(events).stream()
                .filter(r -> r.runId().equals(runId))
                .findFirst()
                .orElseThrow();
        List<TeamValue> values = run.values(survey.enpsQuestionId());
        boolean shown = values.size() >= MINIMUM;
        List<EnpsReport.Segment> segments = null;
        if (byTeam) {
            SortedMap<String, List<Integer>> perTeam = perTeam(values);
            Set<String> hidden = hidden(shown, perTeam);
            segments = new ArrayList<>();
            for (var team : perTeam.entrySet()) {
                boolean teamShown = !hidden.contains(team.getKey());
                segments.add(new EnpsReport.Segment(
                        team.getKey(), !teamShown, enps(teamShown, team.getValue(), run.invited(team.getKey()))));
            }
        }
        long invited = run.opened().invited();
        return new EnpsReport(
                survey.surveyId(),
                runId,
                null,
                null,
                survey.enpsScale(),
                byTeam ? "team" : null,
                !shown,
                enps(shown, values.stream().map(TeamValue::value).toList(), invited),
                invited,
                segments,
                null);
    }

    /** The eNPS of every run together: only runs that may be shown on their own count. */
    static EnpsReport enpsOfAllRuns(List<Sequenced> events) {
        SurveyPublished survey = survey(events);
        List<Integer> counted = new ArrayList<>();
        long invited = 0;
        List<EnpsReport.TrendPoint> trend = new ArrayList<>();
        for (Run run : runs(events)) {
            List<Integer> values = run.values(survey.enpsQuestionId()).stream()
                    .map(TeamValue::value)
                    .toList();
            boolean shown = values.size() >= MINIMUM;
            if (shown) {
                counted.addAll(values);
                invited += run.opened().invited();
            }
            trend.add(new EnpsReport.TrendPoint(
                    run.runId(),
                    run.opened().runNumber(),
                    run.opened().opensAt(),
                    run.closed(),
                    !shown,
                    enps(shown, values, run.opened().invited()),
                    run.opened().invited()));
        }
        boolean shown = counted.size() >= MINIMUM;
        return new EnpsReport(
                survey.surveyId(),
                null,
                null,
                null,
                survey.enpsScale(),
                null,
                !shown,
                enps(shown, counted, invited),
                invited,
                null,
                trend);
    }

    /** The pulse of one run: every numeric question in the survey's order. */
    static PulseReport pulseOfRun(List<Sequenced> events, String runId) {
        SurveyPublished survey = survey(events);
        Run run = runs(events).stream()
                .filter(r -> r.runId().equals(runId))
                .findFirst()
                .orElseThrow();
        long responses = run.answers().size();
        long invited = run.opened().invited();
        boolean shown = responses >= MINIMUM;
        List<PulseReport.Question> questions = new ArrayList<>();
        for (SurveyQuestion question : numeric(survey)) {
            List<Integer> values = run.values(question.questionId()).stream()
                    .map(TeamValue::value)
                    .toList();
            questions.add(question(question, values));
        }
        return new PulseReport(
                survey.surveyId(),
                runId,
                null,
                null,
                null,
                !shown,
                shown ? responses : null,
                invited,
                shown ? rate(responses, invited) : null,
                questions,
                null);
    }

    /** The pulse of every run together, with each run's averages in the trend. */
    static PulseReport pulseOfAllRuns(List<Sequenced> events) {
        SurveyPublished survey = survey(events);
        List<Run> runs = runs(events);
        long responses = 0;
        long invited = 0;
        for (Run run : runs) {
            if (run.answers().size() >= MINIMUM) {
                responses += run.answers().size();
                invited += run.opened().invited();
            }
        }
        List<PulseReport.Question> questions = new ArrayList<>();
        for (SurveyQuestion question : numeric(survey)) {
            List<Integer> counted = new ArrayList<>();
            for (Run run : runs) {
                List<Integer> values = run.values(question.questionId()).stream()
                        .map(TeamValue::value)
                        .toList();
                if (values.size() >= MINIMUM) {
                    counted.addAll(values);
                }
            }
            questions.add(question(question, counted));
        }
        List<PulseReport.TrendPoint> trend = new ArrayList<>();
        for (Run run : runs) {
            boolean shown = run.answers().size() >= MINIMUM;
            List<PulseReport.QuestionAverage> averages = new ArrayList<>();
            for (SurveyQuestion question : numeric(survey)) {
                List<Integer> values = run.values(question.questionId()).stream()
                        .map(TeamValue::value)
                        .toList();
                boolean questionShown = values.size() >= MINIMUM;
                averages.add(new PulseReport.QuestionAverage(
                        question.questionId(),
                        !questionShown,
                        questionShown ? (long) values.size() : null,
                        questionShown ? average(question, values) : null));
            }
            trend.add(new PulseReport.TrendPoint(
                    run.runId(),
                    run.opened().runNumber(),
                    run.opened().opensAt(),
                    run.closed(),
                    !shown,
                    shown ? (long) run.answers().size() : null,
                    averages));
        }
        boolean shown = responses >= MINIMUM;
        return new PulseReport(
                survey.surveyId(),
                null,
                null,
                null,
                null,
                !shown,
                shown ? responses : null,
                invited,
                shown ? rate(responses, invited) : null,
                questions,
                trend);
    }

    private static List<SurveyQuestion> numeric(SurveyPublished survey) {
        return survey.questions().stream()
                .filter(q -> !q.type().equals("FREE_TEXT"))
                .toList();
    }

    private static PulseReport.Question question(SurveyQuestion question, List<Integer> values) {
        boolean shown = values.size() >= MINIMUM;
        PulseReport.Answers answers = PulseReport.Answers.SUPPRESSED;
        if (shown) {
            SortedMap<Integer, Long> distribution = new TreeMap<>();
            int highest = switch (question.type()) {
                case "SCALE_0_10" -> 10;
                case "LIKERT_5" -> 5;
                case "YES_NO" -> 1;
                default -> question.options().size() - 1;
            };
            for (int value = question.type().equals("LIKERT_5") ? 1 : 0; value <= highest; value++) {
                distribution.put(value, 0L);
            }
            values.forEach(value -> distribution.merge(value, 1L, Long::sum));
            answers = new PulseReport.Answers((long) values.size(), average(question, values), distribution);
        }
        return new PulseReport.Question(question.questionId(), question.type(), question.text(), !shown, answers, null);
    }

    /** The mean to 2 decimals; none for single choice, whose values are option indexes. */
    private static BigDecimal average(SurveyQuestion question, List<Integer> values) {
        if (question.type().equals("SINGLE_CHOICE") || values.isEmpty()) {
            return null;
        }
        long sum = values.stream().mapToLong(Integer::longValue).sum();
        return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(values.size()), 2, RoundingMode.HALF_UP);
    }

    private static EnpsReport.Numbers enps(boolean shown, List<Integer> values, long invited) {
        if (!shown) {
            return EnpsReport.Numbers.SUPPRESSED;
        }
        long promoters = values.stream().filter(v -> v >= 9).count();
        long passives = values.stream().filter(v -> v == 7 || v == 8).count();
        long detractors = values.size() - promoters - passives;
        BigDecimal score = BigDecimal.valueOf(100 * (promoters - detractors))
                .divide(BigDecimal.valueOf(values.size()), 1, RoundingMode.HALF_UP);
        return new EnpsReport.Numbers(
                score, (long) values.size(), promoters, passives, detractors, rate(values.size(), invited));
    }

    private static BigDecimal rate(long responses, long invited) {
        return invited == 0
                ? null
                : BigDecimal.valueOf(responses).divide(BigDecimal.valueOf(invited), 3, RoundingMode.HALF_UP);
    }

    /** Values per team, teams by name and the answers without a team last. */
    private static SortedMap<String, List<Integer>> perTeam(List<TeamValue> values) {
        SortedMap<String, List<Integer>> perTeam = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        values.forEach(
                v -> perTeam.computeIfAbsent(v.team(), t -> new ArrayList<>()).add(v.value()));
        return perTeam;
    }

    /**
     * The teams to hide: all when the total is hidden; else those under the minimum, and when that is exactly one,
     * the smallest shown one too, or the hidden one could be had by subtraction.
     */
    private static Set<String> hidden(boolean totalShown, SortedMap<String, List<Integer>> perTeam) {
        Set<String> hidden = new LinkedHashSet<>();
        perTeam.forEach((team, values) -> {
            if (!totalShown || values.size() < MINIMUM) {
                hidden.add(team);
            }
        });
        if (totalShown && hidden.size() == 1) {
            perTeam.entrySet().stream()
                    .filter(team -> !hidden.contains(team.getKey()))
                    .min(Comparator.comparingInt(team -> team.getValue().size()))
                    .ifPresent(smallest -> hidden.add(smallest.getKey()));
        }
        return hidden;
    }
}
