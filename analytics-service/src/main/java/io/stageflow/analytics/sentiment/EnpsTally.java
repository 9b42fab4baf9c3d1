package io.stageflow.analytics.sentiment;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Promoters, passives and detractors among a group's answers to the eNPS question, and the score they give. */
record EnpsTally(long promoters, long passives, long detractors) {

    /** Counts the answers on the scale; values off it are left out, not classified. */
    static EnpsTally of(Distribution answers, EnpsScale scale) {
        long promoters = 0;
        long passives = 0;
        long detractors = 0;
        for (var entry : answers.counts().entrySet()) {
            if (!scale.accepts(entry.getKey())) {
                continue;
            }
            switch (scale.classify(entry.getKey())) {
                case PROMOTER -> promoters += entry.getValue();
                case PASSIVE -> passives += entry.getValue();
                case DETRACTOR -> detractors += entry.getValue();
            }
        }
        return new EnpsTally(promoters, passives, detractors);
    }

    long responses() {
        return promoters + passives + detractors;
    }

    /**
     * % promoters − % detractors, from −100 to 100, exact to one decimal (rounded half up, away from zero for
     * negative halves); null without answers.
     */
    BigDecimal score() {
        if (responses() == 0) {
            return null;
        }
        return BigDecimal.valueOf(100 * (promoters - detractors))
                .divide(BigDecimal.valueOf(responses()), 1, RoundingMode.HALF_UP);
    }
}
