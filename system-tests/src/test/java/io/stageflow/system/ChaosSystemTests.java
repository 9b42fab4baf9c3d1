package io.stageflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.stageflow.bench.ChaosRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The short fault-injection run on a stack of its own: 1,000 leads with about ten events each through both intake
 * doors and the API, duplicates and poison records among them, while the broker, each consumer service and the
 * store are killed or frozen once. Nothing acknowledged may be lost and nothing counted twice (see
 * {@link ChaosRun} for every check); {@code ./stageflow bench chaos} runs the full version.
 */
class ChaosSystemTests {

    static final int PORT_OFFSET = 14_000;
    static final LocalStack stack = new LocalStack("chaos", PORT_OFFSET);

    @BeforeAll
    static void up() {
        stack.run("down");
        stack.run("up");
    }

    @AfterAll
    static void down() {
        stack.run("down");
    }

    @Test
    void brokerConsumerAndStoreFaultsLoseNothingAndCountNothingTwice() throws Exception {
        var outcome = new ChaosRun(stack.root(), stack.home(), PORT_OFFSET, ChaosRun.Settings.quick()).run();

        outcome.figures().forEach((name, value) -> System.out.println("[chaos] " + name + ": " + value));
        assertThat(outcome.failures()).isEmpty();
        assertThat(outcome.figures().get("deadLetterRecords")).isEqualTo(10L);
    }
}
