package io.stageflow.survey.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stageflow.platform.web.FieldError;
import io.stageflow.platform.web.InvalidInputException;
import io.stageflow.survey.surveys.EnpsScale;
import io.stageflow.survey.surveys.Question;
import io.stageflow.survey.surveys.QuestionType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnswerValidationTests {

    static final List<Question> QUESTIONS = List.of(
            new Question("scale", QuestionType.SCALE_0_10, "Scale", List.of(), true),
            new Question("likert", QuestionType.LIKERT_5, "Likert", List.of(), true),
            new Question("choice", QuestionType.SINGLE_CHOICE, "Choice", List.of("Great", "Good", "Okay"), true),
            new Question("yesno", QuestionType.YES_NO, "Yes or no", List.of(), false),
            new Question("text", QuestionType.FREE_TEXT, "Why", List.of(), false));

    @Test
    void validAnswersBecomeNumbersExceptFreeTextAndComeInQuestionOrder() {
        List<StoredAnswer> stored = check(List.of(
                answer("text", "  More coffee "),
                answer("scale", 0),
                answer("likert", 5),
                answer("choice", "Okay"),
                answer("yesno", true)));

        assertThat(stored)
                .containsExactly(
                        new StoredAnswer("scale", 0, null),
                        new StoredAnswer("likert", 5, null),
                        new StoredAnswer("choice", 2, null),
                        new StoredAnswer("yesno", 1, null),
                        new StoredAnswer("text", null, "More coffee"));
    }

    @ParameterizedTest
    @CsvSource({
        "scale,11",
        "scale,-1",
        "scale,7.5",
        "likert,0",
        "likert,6",
        "choice,3",
        "choice,Excellent",
        "yesno,1",
        "yesno,yes"
    })
    void anAnswerOutOfRangeOrOfTheWrongTypeIsRejectedNamingItsPosition(String questionId, String raw) {
        List<ResponseIntake.Answer> answers = new ArrayList<>();
        for (String other : List.of("scale", "likert", "choice")) {
            if (!other.equals(questionId)) {
                answers.add(answer(other, 1));
            }
        }
        answers.add(answer(questionId, parse(raw)));

        assertThatThrownBy(() -> check(answers))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("answers[" + (answers.size() - 1) + "].value"));
    }

    @Test
    void missingRequiredAnswersUnknownQuestionsAndDoubleAnswersAreNamed() {
        assertThatThrownBy(() -> check(List.of(answer("scale", 5), answer("nope", 1), answer("scale", 6))))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(error -> error.field() + ": " + error.message())
                                .containsExactlyInAnyOrder(
                                        "answers[1].questionId: is not a question of this survey",
                                        "answers[2].questionId: is answered more than once",
                                        "answers: question likert is required",
                                        "answers: question choice is required"));
    }

    @Test
    void theEnpsQuestionOnTheOneToTenScaleRejectsZero() {
        List<Question> enps = List.of(new Question("enps", QuestionType.SCALE_0_10, "eNPS", List.of(), true));

        assertThatThrownBy(() -> AnswerValidation.check(enps, "enps", EnpsScale.ONE_TO_TEN, List.of(answer("enps", 0))))
                .isInstanceOf(InvalidInputException.class);
        assertThat(AnswerValidation.check(enps, "enps", EnpsScale.ZERO_TO_TEN, List.of(answer("enps", 0))))
                .containsExactly(new StoredAnswer("enps", 0, null));
    }

    private static List<StoredAnswer> check(List<ResponseIntake.Answer> answers) {
        return AnswerValidation.check(QUESTIONS, null, null, answers);
    }

    private static Object parse(String raw) {
        if (raw.matches("-?\\d+")) {
            return Integer.valueOf(raw);
        }
        return raw.matches("-?\\d+\\.\\d+") ? Double.valueOf(raw) : raw;
    }

    private static ResponseIntake.Answer answer(String questionId, Object value) {
        return new ResponseIntake.Answer(questionId, value);
    }
}
