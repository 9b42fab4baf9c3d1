package io.stageflow.analytics.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SentimentPropertiesTests {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(SentimentConfiguration.class);

    @Test
    void showsGroupsFromFiveResponsesByDefault() {
        context.run(started -> assertThat(started.getBean(AnonymityRules.class).minimumResponses())
                .isEqualTo(5));
    }

    @Test
    void acceptsAStricterMinimum() {
        context.withPropertyValues("stageflow.analytics.sentiment.minimum-responses=8")
                .run(started -> assertThat(started.getBean(AnonymityRules.class).minimumResponses())
                        .isEqualTo(8));
    }

    @Test
    void refusesToStartWithAMinimumBelowFive() {
        context.withPropertyValues("stageflow.analytics.sentiment.minimum-responses=4")
                .run(started -> assertThat(started)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("minimumResponses"));
    }
}
