package io.stageflow.survey.surveys;

/** The range of the eNPS question. Promoters answer 9–10 on both; detractors 0–6, or 1–6 on the 1–10 scale. */
public enum EnpsScale {
    ZERO_TO_TEN(0),
    ONE_TO_TEN(1);

    private final int lowest;

    EnpsScale(int lowest) {
        this.lowest = lowest;
    }

    public int lowest() {
        return lowest;
    }
}
