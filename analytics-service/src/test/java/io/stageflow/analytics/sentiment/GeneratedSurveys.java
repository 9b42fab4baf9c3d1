package io.stageflow.analytics.sentiment;

import io.stageflow.analytics.sentiment.SurveyFixtures.Sequenced;
import io.stageflow.events.survey.NumericAnswer;
import io.stageflow.events.survey.OneOnOneHeld;
import io.stageflow.events.survey.Segment;
import io.stageflow.events.survey.SegmentInvitations;
import io.stageflow.events.survey.SurveyAnswered;
import io.stageflow.events.survey.SurveyPublished;
import io.stageflow.events.survey.SurveyQuestion;
import io.stageflow.events.survey.SurveyRunClosed;
import io.stageflow.events.survey.SurveyRunOpened;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Random survey histories as survey-service publishes them: a survey published once or twice, up to three runs
 * each opened, answered by people of four teams (one of them without a team) and maybe closed, and one-on-ones on
 * the same topic that no projection reads. Group sizes straddle the anonymity minimum of 5, so suppressed and shown
 * numbers both occur.
 */
final class GeneratedSurveys {

    static final String SURVEY_ID = "survey-generated";
    static final Instant START = Instant.parse("2026-04-01T07:00:00Z");

    static final List<String> TEAMS = Arrays.asList("alpha", "beta", "gamma", null);

    static final List<SurveyQuestion> QUESTIONS = List.of(
            new SurveyQuestion("enps", "SCALE_0_10", "Would you recommend us?", null, true),
            new SurveyQuestion("mood", "LIKERT_5", "How was your week?", null, false),
            new SurveyQuestion("tools", "YES_NO", "Do you have the tools you need?", null, false),
            new SurveyQuestion(
                    "office", "SINGLE_CHOICE", "Where do you work best?", List.of("home", "office", "both"), false),
            new SurveyQuestion("why", "FREE_TEXT", "Anything else?", null, false));

    private GeneratedSurveys() {}

    /** One person's answers: a team index and a value per numeric question, negative for "not answered". */
    record AnswerPlan(int team, int enps, int mood, int tools, int office) {}

    record RunPlan(int openHour, List<Integer> invitedPerTeam, List<AnswerPlan> answers, boolean closed) {}

    record Generated(String scale, List<Sequenced> events) {}

    /** A survey history: one or two versions, one to three runs, up to two one-on-ones. */
    static Generated generate(Random random) {
        String scale = random.nextBoolean() ? "ZERO_TO_TEN" : "ONE_TO_TEN";
        boolean republished = random.nextBoolean();
        List<RunPlan> runs = new ArrayList<>();
        int runCount = random.nextInt(1, 4);
        for (int i = 0; i < runCount; i++) {
            runs.add(runPlan(random));
        }
        int oneOnOnes = random.nextInt(3);
        return build(scale, republished, runs, oneOnOnes);
    }

    static String label(Sequenced event) {
        return event.aggregateId() + "#" + event.sequence() + " "
                + event.event().getClass().getSimpleName();
    }

    private static RunPlan runPlan(Random random) {
        int openHour = random.nextInt(0, 73);
        List<Integer> invitedPerTeam = new ArrayList<>();
        for (int i = 0; i < TEAMS.size(); i++) {
            invitedPerTeam.add(random.nextInt(0, 9));
        }
        List<AnswerPlan> answers = new ArrayList<>();
        int answerCount = random.nextInt(17);
        for (int i = 0; i < answerCount; i++) {
            answers.add(new AnswerPlan(
                    random.nextInt(TEAMS.size()),
                    random.nextInt(-1, 11),
                    random.nextInt(-2, 6),
                    random.nextInt(-1, 2),
                    random.nextInt(-1, 3)));
        }
        return new RunPlan(openHour, List.copyOf(invitedPerTeam), List.copyOf(answers), random.nextBoolean());
    }

    private static Generated build(String scale, boolean republished, List<RunPlan> runs, int oneOnOnes) {
        List<Sequenced> events = new ArrayList<>();
        events.add(new Sequenced(SURVEY_ID, 1, published(scale, "Team pulse", 1)));
        if (republished) {
            events.add(new Sequenced(SURVEY_ID, 2, published(scale, "Team pulse (revised)", 2)));
        }
        for (int i = 0; i < runs.size(); i++) {
            events.addAll(run("run-" + (i + 1), i + 1, runs.get(i), scale));
        }
        for (int i = 0; i < oneOnOnes; i++) {
            String id = "one-on-one-" + i;
            events.add(new Sequenced(id, 1, new OneOnOneHeld(id, "manager-1", YearMonth.of(2026, 4))));
            events.add(new Sequenced(id, 2, new OneOnOneHeld(id, "manager-1", YearMonth.of(2026, 5))));
        }
        return new Generated(scale, List.copyOf(events));
    }

    private static SurveyPublished published(String scale, String title, long version) {
        return new SurveyPublished(
                SURVEY_ID, title, "ENPS", QUESTIONS, "enps", scale, "WEEKLY", "Europe/Berlin", version, START);
    }

    private static List<Sequenced> run(String runId, int runNumber, RunPlan plan, String scale) {
        Instant opensAt = START.plus(Duration.ofDays(7L * (runNumber - 1))).plus(Duration.ofHours(plan.openHour()));
        List<SegmentInvitations> invited = new ArrayList<>();
        for (int i = 0; i < TEAMS.size(); i++) {
            if (plan.invitedPerTeam().get(i) > 0) {
                invited.add(new SegmentInvitations(
                        segment(TEAMS.get(i)), plan.invitedPerTeam().get(i)));
            }
        }
        int total = invited.stream().mapToInt(SegmentInvitations::invited).sum();
        List<Sequenced> events = new ArrayList<>();
        events.add(new Sequenced(
                runId,
                1,
                new SurveyRunOpened(
                        SURVEY_ID, runId, runNumber, opensAt, opensAt.plus(Duration.ofDays(7)), total, invited)));
        LocalDate day = LocalDate.ofInstant(opensAt, ZoneOffset.UTC).plusDays(1);
        for (int i = 0; i < plan.answers().size(); i++) {
            AnswerPlan answer = plan.answers().get(i);
            List<NumericAnswer> values = new ArrayList<>();
            // survey-service accepts only values on the survey's scale
            int lowest = scale.equals("ONE_TO_TEN") ? 1 : 0;
            if (answer.enps() >= lowest) {
                values.add(new NumericAnswer("enps", answer.enps()));
            }
            if (answer.mood() >= 1) {
                values.add(new NumericAnswer("mood", answer.mood()));
            }
            if (answer.tools() >= 0) {
                values.add(new NumericAnswer("tools", answer.tools()));
            }
            if (answer.office() >= 0) {
                values.add(new NumericAnswer("office", answer.office()));
            }
            events.add(new Sequenced(
                    runId,
                    events.size() + 1,
                    new SurveyAnswered(
                            SURVEY_ID,
                            runId,
                            runId + "-response-" + i,
                            segment(TEAMS.get(answer.team())),
                            day,
                            values)));
        }
        if (plan.closed()) {
            events.add(new Sequenced(
                    runId,
                    events.size() + 1,
                    new SurveyRunClosed(
                            SURVEY_ID, runId, total, plan.answers().size(), opensAt.plus(Duration.ofDays(7)))));
        }
        return events;
    }

    private static Segment segment(String team) {
        return new Segment(team, "engineering", "Berlin");
    }
}
