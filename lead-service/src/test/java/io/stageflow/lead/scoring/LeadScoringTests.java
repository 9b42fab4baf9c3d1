package io.stageflow.lead.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.stageflow.lead.leads.Activity;
import io.stageflow.lead.leads.ActivityType;
import io.stageflow.lead.leads.LeadFixtures;
import io.stageflow.lead.leads.Profile;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeadScoringTests {

    static final Instant NOW = LeadFixtures.T0;

    @Test
    void fitAddsCompanySizeIndustryJobTitleAndCountry() {
        var profile = new Profile(null, null, null, "Head of Platform", null, "Software", 400, "de");

        assertThat(LeadFixtures.scoring().score("t", profile, List.of(), NOW).points())
                .isEqualTo(25 + 15 + 15 + 10);
    }

    @Test
    void engagementHalvesEveryHalfLife() {
        var fresh = List.of(new Activity(ActivityType.FORM_SUBMISSION, NOW, 2, "a"));
        var monthOld = List.of(new Activity(ActivityType.FORM_SUBMISSION, NOW.minus(Duration.ofDays(30)), 2, "a"));
        var twoMonthsOld = List.of(new Activity(ActivityType.FORM_SUBMISSION, NOW.minus(Duration.ofDays(60)), 2, "a"));

        var scoring = LeadFixtures.scoring();
        assertThat(scoring.score("t", Profile.EMPTY, fresh, NOW).points()).isEqualTo(40);
        assertThat(scoring.score("t", Profile.EMPTY, monthOld, NOW).points()).isEqualTo(20);
        assertThat(scoring.score("t", Profile.EMPTY, twoMonthsOld, NOW).points())
                .isEqualTo(10);
    }

    @Test
    void aTenantWithRulesOfItsOwnIsScoredByThem() {
        var strict = new ScoringRules(
                90, Duration.ofDays(7), List.of(), Map.of(), List.of(), Map.of(), Map.of(ActivityType.PAGE_VISIT, 50));
        var scoring = new LeadScoring(new ScoringProperties(LeadFixtures.rules(), Map.of("strict", strict)));
        var visits = List.of(new Activity(ActivityType.PAGE_VISIT, NOW, 1, "v"));

        assertThat(scoring.score("strict", Profile.EMPTY, visits, NOW))
                .isEqualTo(new io.stageflow.lead.leads.LeadScorer.Score(50, 90));
        assertThat(scoring.score("other", Profile.EMPTY, visits, NOW).points()).isEqualTo(2);
    }
}
