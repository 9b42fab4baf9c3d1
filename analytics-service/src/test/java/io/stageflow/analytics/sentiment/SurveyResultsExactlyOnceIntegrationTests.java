package io.stageflow.analytics.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.stageflow.analytics.DeliveryPlan;
import io.stageflow.analytics.ProjectionHarness;
import io.stageflow.analytics.ProjectionHarness.WireEvent;
import io.stageflow.analytics.Seeds;
import io.stageflow.analytics.sentiment.GeneratedSurveys.Generated;
import io.stageflow.analytics.sentiment.SurveyFixtures.Sequenced;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 6, survey results: however Kafka orders, repeats and replays a history of survey events, every answer is
 * counted once, every run knows its invitations and whether it closed, and eNPS and pulse (per run, per team, over
 * all runs) equal the plain computation. Events go straight to the consumer function against the embedded store;
 * the Kafka path itself is {@code SurveyResultsIntegrationTests}'.
 */
class SurveyResultsExactlyOnceIntegrationTests {

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("scenarioSeeds")
    void resultsEqualThePlainComputationHoweverKafkaDelivers(long seed) {
        Scenario scenario = Scenario.generate(new Random(seed));
        var harness = ProjectionHarness.shared();
        String tenant = "tenant-" + UUID.randomUUID();
        List<Sequenced> events = scenario.history().events();
        String delivered = "seed " + seed + ", " + scenario.describe();

        Seeds.failingWith(delivered, () -> harness.deliver(wire(harness, tenant, events), scenario.plan()));

        assertThat(harness.parked(tenant))
                .as("nothing waits, not even the one-on-ones no projection reads, delivered %s", delivered)
                .isZero();
        var results = harness.bean(SurveyResults.class);
        String survey = GeneratedSurveys.SURVEY_ID;
        for (var run : SurveyReference.runs(events)) {
            String runId = run.runId();
            SurveyRun stored = harness.mongo().findById(SurveyRun.idOf(tenant, runId), SurveyRun.class);
            assertThat(stored.sequence())
                    .as("sequence of %s, delivered %s", runId, delivered)
                    .isEqualTo(run.answers().size() + 1 + (run.closed() ? 1 : 0));
            assertThat(stored.closed())
                    .as("%s closed, delivered %s", runId, delivered)
                    .isEqualTo(run.closed());
            assertThat(results.enps(tenant, new ResultsQuery(survey, runId, null, null, null)))
                    .as("eNPS of %s, delivered %s", runId, delivered)
                    .isEqualTo(SurveyReference.enpsOfRun(events, runId, false));
            assertThat(results.enps(tenant, new ResultsQuery(survey, runId, null, null, SegmentDimension.TEAM)))
                    .as("eNPS of %s per team, delivered %s", runId, delivered)
                    .isEqualTo(SurveyReference.enpsOfRun(events, runId, true));
            assertThat(results.pulse(tenant, new ResultsQuery(survey, runId, null, null, null)))
                    .as("pulse of %s, delivered %s", runId, delivered)
                    .isEqualTo(SurveyReference.pulseOfRun(events, runId));
        }
        assertThat(results.enps(tenant, new ResultsQuery(survey, null, null, null, null)))
                .as("eNPS of all runs, delivered %s", delivered)
                .isEqualTo(SurveyReference.enpsOfAllRuns(events));
        assertThat(results.pulse(tenant, new ResultsQuery(survey, null, null, null, null)))
                .as("pulse of all runs, delivered %s", delivered)
                .isEqualTo(SurveyReference.pulseOfAllRuns(events));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("replaySeeds")
    void rebuildingFromOffsetZeroWritesTheSameDocuments(long seed) {
        Replay replay = Replay.generate(new Random(seed));
        var harness = ProjectionHarness.shared();
        String tenant = "tenant-" + UUID.randomUUID();
        List<Sequenced> events = replay.history().events();
        String delivered = "seed " + seed + ", " + replay.describe();

        var rebuilt = Seeds.failingWith(
                delivered,
                () -> harness.rebuild(tenant, wire(harness, tenant, events), replay.first(), replay.second()));

        assertThat(rebuilt.after())
                .as("documents after the replay, delivered %s", delivered)
                .isEqualTo(rebuilt.before());
        assertThat(rebuilt.after().get("survey_responses"))
                .as("survey responses, delivered %s", delivered)
                .hasSize(SurveyReference.runs(events).stream()
                        .mapToInt(run -> run.answers().size())
                        .sum());
    }

    record Scenario(Generated history, DeliveryPlan plan) {

        static Scenario generate(Random random) {
            Generated history = GeneratedSurveys.generate(random);
            return new Scenario(
                    history, DeliveryPlan.generate(random, history.events().size()));
        }

        String describe() {
            return plan.describe(history.events(), Sequenced::aggregateId, GeneratedSurveys::label);
        }
    }

    record Replay(Generated history, DeliveryPlan first, DeliveryPlan second) {

        static Replay generate(Random random) {
            Generated history = GeneratedSurveys.generate(random);
            int events = history.events().size();
            return new Replay(history, DeliveryPlan.generate(random, events), DeliveryPlan.generate(random, events));
        }

        String describe() {
            return "first " + first.describe(history.events(), Sequenced::aggregateId, GeneratedSurveys::label)
                    + ", then " + second.describe(history.events(), Sequenced::aggregateId, GeneratedSurveys::label);
        }
    }

    static LongStream scenarioSeeds() {
        return Seeds.of(60);
    }

    static LongStream replaySeeds() {
        return Seeds.of(25);
    }

    private static List<WireEvent> wire(ProjectionHarness harness, String tenant, List<Sequenced> events) {
        return events.stream()
                .map(event -> harness.wire(tenant, event.aggregateId(), event.sequence(), event.event()))
                .toList();
    }
}
