package io.stageflow.analytics.sentiment;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Survey results.
 *
 * @param minimumResponses the fewest people who must have answered in a group (a whole run, a segment, a
 *     question) before its numbers are shown; {@value AnonymityRules#LEAST_MINIMUM} or more, a lower value stops
 *     the start-up
 */
@Validated
@ConfigurationProperties("stageflow.analytics.sentiment")
public record SentimentProperties(
        @DefaultValue("5") @Min(AnonymityRules.LEAST_MINIMUM)
        int minimumResponses) {}
