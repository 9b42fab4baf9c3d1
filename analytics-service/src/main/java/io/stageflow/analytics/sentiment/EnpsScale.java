package io.stageflow.analytics.sentiment;

/**
 * The answer scale of an eNPS question, which decides who counts as promoter, passive or detractor: 9–10
 * promote, 7–8 are passive, anything lower on the scale detracts (0–6 on {@code ZERO_TO_TEN}, 1–6 on
 * {@code ONE_TO_TEN}).
 */
enum EnpsScale {
    ZERO_TO_TEN(0),
    ONE_TO_TEN(1);

    enum Category {
        PROMOTER,
        PASSIVE,
        DETRACTOR
    }

    private final int lowest;

    EnpsScale(int lowest) {
        this.lowest = lowest;
    }

    /** The survey's scale; a survey published without one uses the classic 0–10. */
    static EnpsScale of(String name) {
        return name == null ? ZERO_TO_TEN : valueOf(name);
    }

    /** Whether the value lies on this scale; survey-service validates answers, so others are not guessed at. */
    boolean accepts(int value) {
        return value >= lowest && value <= 10;
    }

    Category classify(int value) {
        if (!accepts(value)) {
            throw new IllegalArgumentException(value + " is not on the scale " + name());
        }
        if (value >= 9) {
            return Category.PROMOTER;
        }
        return value >= 7 ? Category.PASSIVE : Category.DETRACTOR;
    }
}
