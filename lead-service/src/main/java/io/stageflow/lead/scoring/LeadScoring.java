package io.stageflow.lead.scoring;

import io.stageflow.lead.leads.Activity;
import io.stageflow.lead.leads.LeadScorer;
import io.stageflow.lead.leads.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Fit plus decayed engagement, under the tenant's {@link ScoringRules}. */
@Component
public class LeadScoring implements LeadScorer {

    private final ScoringProperties properties;

    public LeadScoring(ScoringProperties properties) {
        this.properties = properties;
    }

    @Override
    public Score score(String tenantId, Profile profile, List<Activity> activities, Instant now) {
        ScoringRules rules = properties.rulesFor(tenantId);
        double points = fit(rules, profile) + engagement(rules, activities, now);
        return new Score((int) Math.round(points), rules.mqlThreshold());
    }

    private static int fit(ScoringRules rules, Profile profile) {
        int points = 0;
        if (profile.companySize() != null) {
            points += rules.companySize().stream()
                    .filter(band -> band.contains(profile.companySize()))
                    .findFirst()
                    .map(ScoringRules.SizeBand::points)
                    .orElse(0);
        }
        if (profile.industry() != null) {
            points += rules.industry().getOrDefault(profile.industry().toLowerCase(Locale.ROOT), 0);
        }
        if (profile.jobTitle() != null) {
            String title = profile.jobTitle().toLowerCase(Locale.ROOT);
            points += rules.jobTitle().stream()
                    .filter(rule -> title.contains(rule.contains().toLowerCase(Locale.ROOT)))
                    .mapToInt(ScoringRules.TitleRule::points)
                    .sum();
        }
        if (profile.country() != null) {
            points += rules.country().getOrDefault(profile.country().toUpperCase(Locale.ROOT), 0);
        }
        return points;
    }

    private static double engagement(ScoringRules rules, List<Activity> activities, Instant now) {
        double halfLifeSeconds = rules.engagementHalfLife().toSeconds();
        return activities.stream()
                .mapToDouble(activity -> {
                    int perOccurrence = rules.engagement().getOrDefault(activity.type(), 0);
                    double ageSeconds =
                            Math.max(0, Duration.between(activity.at(), now).toSeconds());
                    return perOccurrence * activity.count() * Math.pow(0.5, ageSeconds / halfLifeSeconds);
                })
                .sum();
    }
}
