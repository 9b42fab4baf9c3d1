package io.stageflow.events.archcanary;

import org.junit.jupiter.api.Assertions;

/** Breaks both contract rules on purpose; only the architecture test's canary reads it. */
public record EventWithLogic(String id) {

    public boolean isValid() {
        Assertions.assertNotNull(id);
        return true;
    }
}
