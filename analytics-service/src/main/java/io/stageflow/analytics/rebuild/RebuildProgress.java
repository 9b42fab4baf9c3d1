package io.stageflow.analytics.rebuild;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Where the projections' rebuild stands: {@code GET /api/v1/analytics/rebuild}.
 *
 * @param state {@code IDLE} before the first, then {@code PREPARING}, {@code REPLAYING}, {@code SWITCHING},
 *     {@code DONE} or {@code FAILED}
 * @param generation the generation being (or last) rebuilt; null before the first rebuild
 * @param eventsDone records of the topics applied so far
 * @param eventsTotal records to apply: every partition from its beginning to its end when the replay started
 * @param eventsPerSecond events done per second since the replay started
 * @param percent eventsDone of eventsTotal, 0–100; 100 once done, also when there was nothing to replay
 * @param secondsLeft estimated from the rate so far; null until there is a rate
 * @param error why it failed, only when {@code FAILED}
 */
public record RebuildProgress(
        String state,
        Long generation,
        long eventsDone,
        long eventsTotal,
        BigDecimal eventsPerSecond,
        BigDecimal percent,
        Long secondsLeft,
        Instant startedAt,
        Instant finishedAt,
        String error) {

    static final RebuildProgress IDLE =
            new RebuildProgress("IDLE", null, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, null, null, null, null);
}
