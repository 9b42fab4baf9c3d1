package io.stageflow.deal.pipelines;

import io.stageflow.events.deal.PipelineStage;
import java.time.Duration;
import java.time.Instant;

/**
 * One step of a pipeline. {@code key} is stable and referenced by deals; {@code name} is what people read and
 * may be in any language. A deal rots after {@code rottingDays} in the stage (never when null).
 */
public record Stage(String key, String name, int probability, Integer rottingDays, StageType type) {

    public boolean isOpen() {
        return type == StageType.OPEN;
    }

    /** When a deal that entered this stage at {@code enteredAt} goes stale by time; null when it never does. */
    public Instant rotsAt(Instant enteredAt) {
        return rottingDays == null ? null : enteredAt.plus(Duration.ofDays(rottingDays));
    }

    PipelineStage toEvent() {
        return new PipelineStage(key, name, probability, rottingDays, type.name());
    }
}
