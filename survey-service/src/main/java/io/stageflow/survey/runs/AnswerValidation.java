package io.stageflow.survey.runs;

import io.stageflow.platform.web.FieldError;
import io.stageflow.platform.web.InvalidInputException;
import io.stageflow.survey.surveys.EnpsScale;
import io.stageflow.survey.surveys.Question;
import io.stageflow.survey.surveys.QuestionType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Checks each answer against its question (type, range, required) and turns it into what is stored. */
final class AnswerValidation {

    static final int MAX_TEXT = 2000;

    private AnswerValidation() {}

    /** The answers to store, in question order; 400 naming every answer at fault. */
    static List<StoredAnswer> check(
            List<Question> questions, String enpsQuestionId, EnpsScale enpsScale, List<ResponseIntake.Answer> given) {
        List<FieldError> problems = new ArrayList<>();
        Map<String, StoredAnswer> byQuestion = new HashMap<>();
        Set<String> wronglyAnswered = new HashSet<>();
        List<ResponseIntake.Answer> answers = given == null ? List.of() : given;
        for (int i = 0; i < answers.size(); i++) {
            String at = "answers[" + i + "]";
            ResponseIntake.Answer answer = answers.get(i);
            if (answer == null || answer.questionId() == null) {
                problems.add(new FieldError(at + ".questionId", "is required"));
                continue;
            }
            Question question = questions.stream()
                    .filter(q -> q.id().equals(answer.questionId()))
                    .findFirst()
                    .orElse(null);
            if (question == null) {
                problems.add(new FieldError(at + ".questionId", "is not a question of this survey"));
                continue;
            }
            if (byQuestion.containsKey(question.id()) || wronglyAnswered.contains(question.id())) {
                problems.add(new FieldError(at + ".questionId", "is answered more than once"));
                continue;
            }
            if (answer.value() == null || (answer.value() instanceof String text && text.isBlank())) {
                continue; // not answered; required questions are checked below
            }
            int lowest = Objects.equals(question.id(), enpsQuestionId) && enpsScale == EnpsScale.ONE_TO_TEN ? 1 : 0;
            String problem = checkValue(question, answer.value(), lowest, byQuestion);
            if (problem != null) {
                problems.add(new FieldError(at + ".value", problem));
                wronglyAnswered.add(question.id());
            }
        }
        for (Question question : questions) {
            if (question.required()
                    && !byQuestion.containsKey(question.id())
                    && !wronglyAnswered.contains(question.id())) {
                problems.add(new FieldError("answers", "question " + question.id() + " is required"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return questions.stream()
                .map(question -> byQuestion.get(question.id()))
                .filter(Objects::nonNull)
                .toList();
    }

    private static String checkValue(Question question, Object value, int lowest, Map<String, StoredAnswer> into) {
        String id = question.id();
        QuestionType type = question.type();
        switch (type) {
            case SCALE_0_10, LIKERT_5 -> {
                int low = type == QuestionType.LIKERT_5 ? 1 : lowest;
                int high = type == QuestionType.LIKERT_5 ? 5 : 10;
                Integer number = wholeNumber(value);
                if (number == null || number < low || number > high) {
                    return "must be a whole number from " + low + " to " + high;
                }
                into.put(id, new StoredAnswer(id, number, null));
            }
            case SINGLE_CHOICE -> {
                int index = value instanceof String text
                        ? question.options().indexOf(text.strip())
                        : wholeNumber(value) == null ? -1 : wholeNumber(value);
                if (index < 0 || index >= question.options().size()) {
                    return "must be one of the options " + question.options() + " (or its index)";
                }
                into.put(id, new StoredAnswer(id, index, null));
            }
            case YES_NO -> {
                if (!(value instanceof Boolean yes)) {
                    return "must be true or false";
                }
                into.put(id, new StoredAnswer(id, yes ? 1 : 0, null));
            }
            case FREE_TEXT -> {
                if (!(value instanceof String text) || text.length() > MAX_TEXT) {
                    return "must be text of at most " + MAX_TEXT + " characters";
                }
                into.put(id, new StoredAnswer(id, null, text.strip()));
            }
        }
        return null;
    }

    private static Integer wholeNumber(Object value) {
        if (value instanceof Integer number) {
            return number;
        }
        if (value instanceof Long number && number >= Integer.MIN_VALUE && number <= Integer.MAX_VALUE) {
            return number.intValue();
        }
        if (value instanceof Number number && !(value instanceof Boolean)) {
            BigDecimal decimal = new BigDecimal(number.toString());
            if (decimal.stripTrailingZeros().scale() <= 0 && decimal.abs().compareTo(BigDecimal.valueOf(1000)) < 0) {
                return decimal.intValueExact();
            }
        }
        return null;
    }
}
