package io.stageflow.analytics.sentiment;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a numeric answer means, per question type of the survey contract. */
enum QuestionType {
    SCALE_0_10,
    LIKERT_5,
    SINGLE_CHOICE,
    YES_NO,
    FREE_TEXT;

    static Optional<QuestionType> of(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }

    /** Free text never leaves survey-service; every other type arrives as a number. */
    boolean numeric() {
        return this != FREE_TEXT;
    }

    /** A mean of option indexes means nothing; a mean of yes (1) and no (0) is the share of yes. */
    boolean averages() {
        return this != SINGLE_CHOICE && this != FREE_TEXT;
    }

    int lowest() {
        return this == LIKERT_5 ? 1 : 0;
    }

    int highest(List<String> options) {
        return switch (this) {
            case SCALE_0_10 -> 10;
            case LIKERT_5 -> 5;
            case YES_NO -> 1;
            case SINGLE_CHOICE -> options == null ? -1 : options.size() - 1;
            case FREE_TEXT -> -1;
        };
    }
}
