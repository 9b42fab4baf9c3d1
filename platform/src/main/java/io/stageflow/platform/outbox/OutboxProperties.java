package io.stageflow.platform.outbox;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the outbox relay publishes.
 *
 * @param enabled whether this instance runs a relay
 * @param batchSize aggregates read per round
 * @param idlePoll how long the relay sleeps when nothing is pending and no save woke it
 * @param sendTimeout how long a publish may wait for the broker's acknowledgement
 * @param maxBackoff the longest pause between retries while the broker is unreachable
 * @param sweepBatchSize aggregates one sweep publishes from each collection at most
 * @param sweepInterval how often the relay scans for pending events it was not told about (a crash, another
 *     instance); saves in this instance are published at once
 */
@Validated
@ConfigurationProperties("stageflow.outbox")
public record OutboxProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("200") @Min(1) int batchSize,
        @DefaultValue("500ms") @NotNull Duration idlePoll,
        @DefaultValue("10s") @NotNull Duration sendTimeout,
        @DefaultValue("5s") @NotNull Duration maxBackoff,
        @DefaultValue("10s") @NotNull Duration sweepInterval,
        @DefaultValue("2000") @Min(1) int sweepBatchSize) {}
