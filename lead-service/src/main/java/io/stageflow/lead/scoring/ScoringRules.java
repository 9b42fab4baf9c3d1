package io.stageflow.lead.scoring;

import io.stageflow.lead.leads.ActivityType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One tenant's scoring rules. Fit points come from who the lead is; engagement points from what they did,
 * halved every {@code engagementHalfLife} so old interest fades.
 *
 * @param mqlThreshold score at which a lead before qualification becomes an MQL
 * @param engagementHalfLife after how long an activity is worth half its points
 * @param companySize points by number of employees (first matching band)
 * @param industry points by industry key (lower case)
 * @param jobTitle points when the job title contains a word (case-insensitive; every matching rule counts once)
 * @param country points by ISO 3166 country code
 * @param engagement points per occurrence of each activity
 */
public record ScoringRules(
        @Min(1) int mqlThreshold,
        @NotNull Duration engagementHalfLife,
        @NotNull List<@Valid SizeBand> companySize,
        @NotNull Map<String, Integer> industry,
        @NotNull List<@Valid TitleRule> jobTitle,
        @NotNull Map<String, Integer> country,
        @NotNull Map<ActivityType, Integer> engagement) {

    public record SizeBand(@Min(0) int min, Integer max, int points) {

        boolean contains(int employees) {
            return employees >= min && (max == null || employees <= max);
        }
    }

    public record TitleRule(@NotBlank String contains, int points) {}
}
