package io.stageflow.survey.surveys;

import java.util.List;

/** One question of a survey; {@code options} only for {@link QuestionType#SINGLE_CHOICE}. */
public record Question(String id, QuestionType type, String text, List<String> options, boolean required) {

    public Question {
        options = options == null ? List.of() : List.copyOf(options);
    }
}
