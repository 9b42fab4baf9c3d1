package io.stageflow.analytics.tallying;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The talliers that keep the funnels and the forecast counted as projection documents change (ADR 0014); each
 * subject (deals, leads) has a tallier of its own with these settings.
 *
 * @param enabled off only for tests that drive rounds themselves; queries then read every document
 * @param batchSize how many changed documents one round takes
 * @param pollInterval how long a tallier waits when a round found nothing to do: the most a change waits before it
 *     counts
 * @param leaseDuration how long one instance holds a tallier of a generation without renewing it; another instance
 *     takes over after that when the holder died
 * @param checkInterval how often a tallier looks for tallies that are due (a pipeline's new version), and whether
 *     tallies that are still being filled are complete
 * @param busyShare the most of its time a tallier spends in rounds while catching up (a bulk load, a new pipeline
 *     version): after a full round it rests so long that rounds take this share. The embedded store answers every
 *     caller in turn, and a tallier writing three times per deal without rest kept requests waiting for seconds after
 *     100,000 deals were created at once
 */
@Validated
@ConfigurationProperties("stageflow.analytics.tallier")
public record TallierProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("500") @Min(1) int batchSize,
        @DefaultValue("25ms") Duration pollInterval,
        @DefaultValue("15s") Duration leaseDuration,
        @DefaultValue("2s") Duration checkInterval,

        @DefaultValue("0.5") @DecimalMin(value = "0", inclusive = false) @DecimalMax("1")
        double busyShare) {}
