package io.stageflow.analytics.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stageflow.analytics.sentiment.EnpsScale.Category;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EnpsTallyTests {

    @Test
    void classifiesZeroToSixAsDetractorsSevenAndEightAsPassiveNineAndTenAsPromotersOnTheZeroToTenScale() {
        IntStream.rangeClosed(0, 6)
                .forEach(v -> assertThat(EnpsScale.ZERO_TO_TEN.classify(v)).isEqualTo(Category.DETRACTOR));
        assertThat(EnpsScale.ZERO_TO_TEN.classify(7)).isEqualTo(Category.PASSIVE);
        assertThat(EnpsScale.ZERO_TO_TEN.classify(8)).isEqualTo(Category.PASSIVE);
        assertThat(EnpsScale.ZERO_TO_TEN.classify(9)).isEqualTo(Category.PROMOTER);
        assertThat(EnpsScale.ZERO_TO_TEN.classify(10)).isEqualTo(Category.PROMOTER);
    }

    @Test
    void classifiesOneToSixAsDetractorsOnTheOneToTenScaleWhereZeroIsNoAnswer() {
        IntStream.rangeClosed(1, 6)
                .forEach(v -> assertThat(EnpsScale.ONE_TO_TEN.classify(v)).isEqualTo(Category.DETRACTOR));
        assertThat(EnpsScale.ONE_TO_TEN.classify(7)).isEqualTo(Category.PASSIVE);
        assertThat(EnpsScale.ONE_TO_TEN.classify(9)).isEqualTo(Category.PROMOTER);
        assertThat(EnpsScale.ONE_TO_TEN.accepts(0)).isFalse();
        assertThatThrownBy(() -> EnpsScale.ONE_TO_TEN.classify(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scoresSixPromotersThreePassivesThreeDetractorsAsExactlyTwentyFive() {
        var tally = EnpsTally.of(answers(9, 10, 9, 10, 9, 10, 7, 8, 7, 0, 6, 3), EnpsScale.ZERO_TO_TEN);

        assertThat(tally).isEqualTo(new EnpsTally(6, 3, 3));
        assertThat(tally.score()).hasToString("25.0");
    }

    @Test
    void roundsTheScoreHalfUpToOneDecimal() {
        // 1 of 3 promoters: 33.33… ; 2 of 3: 66.66… ; 1 promoter, 2 detractors of 6: −16.66…
        assertThat(EnpsTally.of(answers(9, 7, 8), EnpsScale.ZERO_TO_TEN).score())
                .hasToString("33.3");
        assertThat(EnpsTally.of(answers(9, 10, 8), EnpsScale.ZERO_TO_TEN).score())
                .hasToString("66.7");
        assertThat(EnpsTally.of(answers(9, 1, 2, 7, 7, 8), EnpsScale.ZERO_TO_TEN)
                        .score())
                .hasToString("-16.7");
        // 1 of 8 promoters: 12.5 exactly; −100 when everyone detracts
        assertThat(EnpsTally.of(answers(9, 7, 7, 7, 7, 7, 7, 7), EnpsScale.ZERO_TO_TEN)
                        .score())
                .hasToString("12.5");
        assertThat(EnpsTally.of(answers(0, 3), EnpsScale.ZERO_TO_TEN).score()).hasToString("-100.0");
    }

    @Test
    void leavesValuesOffTheScaleOutInsteadOfGuessing() {
        var tally = EnpsTally.of(answers(0, 9, 9, 6), EnpsScale.ONE_TO_TEN);

        assertThat(tally).isEqualTo(new EnpsTally(2, 0, 1));
    }

    @Test
    void hasNoScoreWithoutAnswers() {
        assertThat(EnpsTally.of(Distribution.NONE, EnpsScale.ZERO_TO_TEN).score())
                .isNull();
    }

    private static Distribution answers(int... values) {
        var counts = new TreeMap<Integer, Long>();
        for (int value : values) {
            Distribution.count(counts, value);
        }
        return new Distribution(counts);
    }
}
