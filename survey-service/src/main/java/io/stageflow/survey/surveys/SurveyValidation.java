package io.stageflow.survey.surveys;

import io.stageflow.platform.web.FieldError;
import io.stageflow.platform.web.InvalidInputException;
import io.stageflow.survey.TimeZones;
import io.stageflow.survey.surveys.QuestionBank.BankQuestion;
import io.stageflow.survey.surveys.SurveyDraft.QuestionDraft;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns a draft into a complete survey definition, or answers 400 naming every field at fault. */
final class SurveyValidation {

    static final int MAX_QUESTIONS = 10;
    static final int MAX_TITLE = 200;
    static final int MAX_QUESTION_TEXT = 500;
    static final int MAX_OPTIONS = 10;
    static final int MAX_OPTION = 100;
    private static final Pattern QUESTION_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{0,39}$");

    private SurveyValidation() {}

    /** A survey definition every rule has been checked against. */
    record Definition(
            String title,
            SurveyKind kind,
            List<Question> questions,
            String enpsQuestionId,
            EnpsScale enpsScale,
            String language,
            Cadence cadence,
            ZoneId timeZone,
            LocalDate startsOn,
            LocalTime sendTime,
            int windowDays,
            Audience audience) {}

    static Definition check(SurveyDraft draft, Clock clock) {
        List<FieldError> problems = new ArrayList<>();
        if (draft.title() == null || draft.title().isBlank()) {
            problems.add(new FieldError("title", "is required"));
        } else if (draft.title().length() > MAX_TITLE) {
            problems.add(new FieldError("title", "must be at most " + MAX_TITLE + " characters"));
        }
        String language = QuestionBank.language(draft.language());
        if (!QuestionBank.LANGUAGES.contains(language)) {
            problems.add(new FieldError("language", "must be one of " + QuestionBank.LANGUAGES));
        }
        if (draft.kind() == null) {
            problems.add(new FieldError("kind", "is required: PULSE or ENPS"));
        }
        if (draft.cadence() == null) {
            problems.add(new FieldError("cadence", "is required: ONCE, WEEKLY, BIWEEKLY, MONTHLY or QUARTERLY"));
        }
        ZoneId zone = TimeZones.parse(draft.timeZone(), problems);
        Audience audience = draft.audience();
        if (audience == null || audience.isEmpty()) {
            problems.add(new FieldError(
                    "audience", "must be all employees or name at least one team, department or location"));
        } else if (blankIn(audience.team()) || blankIn(audience.department()) || blankIn(audience.location())) {
            problems.add(new FieldError("audience", "segment names must not be blank"));
        }
        int windowDays = draft.windowDays() == null
                ? (draft.cadence() == null ? 0 : draft.cadence().defaultWindowDays())
                : draft.windowDays();
        if (draft.cadence() != null
                && (windowDays < 1 || windowDays > Math.min(90, draft.cadence().maxWindowDays()))) {
            problems.add(new FieldError(
                    "windowDays",
                    "must be 1 to " + Math.min(90, draft.cadence().maxWindowDays()) + " days for a " + draft.cadence()
                            + " survey (a run closes before the next opens)"));
        }
        LocalDate startsOn = draft.startsOn();
        if (zone != null) {
            LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
            if (startsOn == null) {
                startsOn = today;
            } else if (startsOn.isBefore(today)) {
                problems.add(new FieldError("startsOn", "must not be in the past"));
            }
        }

        List<Question> questions = List.of();
        String enpsQuestionId = null;
        EnpsScale scale = null;
        if (draft.kind() == SurveyKind.ENPS && QuestionBank.LANGUAGES.contains(language)) {
            if (draft.questions() != null && !draft.questions().isEmpty()) {
                problems.add(new FieldError(
                        "questions", "an eNPS survey asks the eNPS question and an optional why; leave questions out"));
            }
            scale = draft.enpsScale() == null ? EnpsScale.ZERO_TO_TEN : draft.enpsScale();
            enpsQuestionId = "enps";
            List<Question> enps = new ArrayList<>();
            enps.add(QuestionBank.ENPS.in(language, enpsQuestionId, true));
            if (draft.askWhy() == null || draft.askWhy()) {
                enps.add(QuestionBank.ENPS_WHY.in(language, "why", false));
            }
            questions = List.copyOf(enps);
        } else if (draft.kind() == SurveyKind.PULSE) {
            if (draft.enpsScale() != null) {
                problems.add(new FieldError("enpsScale", "applies to eNPS surveys only"));
            }
            questions = pulseQuestions(draft.questions(), language, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        LocalTime sendTime = draft.sendTime() == null ? LocalTime.of(9, 0) : draft.sendTime();
        return new Definition(
                draft.title().strip(),
                draft.kind(),
                questions,
                enpsQuestionId,
                scale,
                language,
                draft.cadence(),
                zone,
                startsOn,
                sendTime,
                windowDays,
                audience);
    }

    private static List<Question> pulseQuestions(
            List<QuestionDraft> drafts, String language, List<FieldError> problems) {
        if (drafts == null || drafts.isEmpty()) {
            problems.add(new FieldError("questions", "a pulse survey asks 1 to " + MAX_QUESTIONS + " questions"));
            return List.of();
        }
        if (drafts.size() > MAX_QUESTIONS) {
            problems.add(new FieldError(
                    "questions", "a pulse survey asks at most " + MAX_QUESTIONS + " questions; got " + drafts.size()));
            return List.of();
        }
        List<Question> questions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < drafts.size(); i++) {
            String at = "questions[" + i + "]";
            QuestionDraft draft = drafts.get(i);
            if (draft == null) {
                problems.add(new FieldError(at, "must be a question"));
                continue;
            }
            String id = draft.id() == null ? "q" + (i + 1) : draft.id();
            if (!QUESTION_ID.matcher(id).matches()) {
                problems.add(new FieldError(at + ".id", "must be 1 to 40 lowercase letters, digits or dashes"));
            } else if (!ids.add(id)) {
                problems.add(new FieldError(at + ".id", "is used by another question"));
            }
            if (draft.bankKey() != null) {
                Optional<BankQuestion> banked = QuestionBank.find(draft.bankKey());
                if (banked.isEmpty()) {
                    problems.add(new FieldError(at + ".bankKey", "is not a question of the bank"));
                    continue;
                }
                boolean required =
                        draft.required() == null ? banked.get().type() != QuestionType.FREE_TEXT : draft.required();
                questions.add(banked.get().in(language, id, required));
                continue;
            }
            if (draft.type() == null) {
                problems.add(new FieldError(
                        at + ".type", "is required: SCALE_0_10, LIKERT_5, SINGLE_CHOICE, YES_NO or FREE_TEXT"));
                continue;
            }
            if (draft.text() == null || draft.text().isBlank()) {
                problems.add(new FieldError(at + ".text", "is required"));
            } else if (draft.text().length() > MAX_QUESTION_TEXT) {
                problems.add(new FieldError(at + ".text", "must be at most " + MAX_QUESTION_TEXT + " characters"));
            }
            List<String> options = draft.options() == null ? List.of() : draft.options();
            if (draft.type() == QuestionType.SINGLE_CHOICE) {
                if (options.size() < 2 || options.size() > MAX_OPTIONS) {
                    problems.add(
                            new FieldError(at + ".options", "a single choice offers 2 to " + MAX_OPTIONS + " options"));
                } else if (options.stream().anyMatch(o -> o == null || o.isBlank() || o.length() > MAX_OPTION)) {
                    problems.add(
                            new FieldError(at + ".options", "each option must be 1 to " + MAX_OPTION + " characters"));
                } else if (Set.copyOf(options).size() != options.size()) {
                    problems.add(new FieldError(at + ".options", "must not repeat an option"));
                }
            } else if (!options.isEmpty()) {
                problems.add(new FieldError(at + ".options", "only single-choice questions have options"));
            }
            boolean required = draft.required() == null ? draft.type() != QuestionType.FREE_TEXT : draft.required();
            questions.add(new Question(
                    id, draft.type(), draft.text() == null ? null : draft.text().strip(), options, required));
        }
        return questions;
    }

    private static boolean blankIn(List<String> values) {
        return values.stream().anyMatch(v -> v == null || v.isBlank());
    }
}
