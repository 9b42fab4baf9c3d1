package io.stageflow.lead.scoring;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Scoring is configuration, not code: {@code defaults} apply to every tenant without rules of its own in
 * {@code tenants} (keyed by tenant id).
 */
@Validated
@ConfigurationProperties("stageflow.lead.scoring")
public record ScoringProperties(
        @NotNull @Valid ScoringRules defaults, @DefaultValue Map<String, @Valid ScoringRules> tenants) {

    ScoringRules rulesFor(String tenantId) {
        return tenants.getOrDefault(tenantId, defaults);
    }
}
