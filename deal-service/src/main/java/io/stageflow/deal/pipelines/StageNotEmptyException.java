package io.stageflow.deal.pipelines;

import io.stageflow.platform.web.ConflictException;
import java.util.Map;

/** A stage that holds deals cannot simply vanish: its deals need a target stage first. */
public class StageNotEmptyException extends ConflictException {

    public StageNotEmptyException(String stageKey, long deals, String detail) {
        super("stage-not-empty", detail, Map.of("stageKey", stageKey, "deals", deals));
    }
}
