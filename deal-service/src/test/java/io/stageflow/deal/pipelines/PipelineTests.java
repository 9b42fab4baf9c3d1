package io.stageflow.deal.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stageflow.events.deal.PipelineDefined;
import io.stageflow.platform.web.FieldError;
import io.stageflow.platform.web.InvalidInputException;
import io.stageflow.platform.web.UnprocessableInputException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineTests {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);

    static Pipeline sales() {
        return Pipeline.define("tenant-a", "p-1", DefaultPipelines.SALES, CLOCK);
    }

    @Test
    void defaultSalesPipelineHasTheStagesOfTheArchitectureInOrderAndPublishesThemWhole() {
        Pipeline pipeline = sales();

        assertThat(pipeline.stages())
                .extracting(Stage::key, Stage::probability, Stage::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("lead-generation", 10, StageType.OPEN),
                        org.assertj.core.groups.Tuple.tuple("qualification", 20, StageType.OPEN),
                        org.assertj.core.groups.Tuple.tuple("nurturing", 30, StageType.OPEN),
                        org.assertj.core.groups.Tuple.tuple("proposal", 50, StageType.OPEN),
                        org.assertj.core.groups.Tuple.tuple("negotiation", 75, StageType.OPEN),
                        org.assertj.core.groups.Tuple.tuple("closing", 90, StageType.OPEN),
                        org.assertj.core.groups.Tuple.tuple("won", 100, StageType.WON),
                        org.assertj.core.groups.Tuple.tuple("lost", 0, StageType.LOST));
        assertThat(pipeline.firstOpenStage().key()).isEqualTo("lead-generation");
        assertThat(pipeline.recordedEvents()).singleElement().isInstanceOfSatisfying(PipelineDefined.class, defined -> {
            assertThat(defined.pipelineVersion()).isEqualTo(1);
            assertThat(defined.stages()).hasSize(8);
            assertThat(defined.kind()).isEqualTo("SALES");
        });
    }

    @Test
    void defaultPipelineIdsAreStablePerTenantAndDifferBetweenTenants() {
        assertThat(DefaultPipelines.salesPipelineId("a")).isEqualTo(DefaultPipelines.salesPipelineId("a"));
        assertThat(DefaultPipelines.salesPipelineId("a")).isNotEqualTo(DefaultPipelines.salesPipelineId("b"));
        assertThat(DefaultPipelines.salesPipelineId("a")).isNotEqualTo(DefaultPipelines.projectPipelineId("a"));
    }

    @Test
    void brokenDefinitionNamesEveryFieldAtFault() {
        var definition = new PipelineDefinition(
                "",
                PipelineKind.SALES,
                List.of(
                        new Stage("Bad Key", "Eins", 10, null, StageType.WON),
                        new Stage("two", "Zwei", 101, 0, StageType.LOST),
                        new Stage("two", "Zwei again", 50, null, StageType.LOST)),
                List.of("price", "price"));

        assertThatThrownBy(() -> Pipeline.define("t", "p", definition, CLOCK))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .contains(
                                        "name",
                                        "stages[0].key",
                                        "stages[1].probability",
                                        "stages[1].rottingDays",
                                        "stages[2].key",
                                        "stages",
                                        "lostReasons[1]"));
    }

    @Test
    void pipelineWithoutAnOpenStageIsRefused() {
        var definition = new PipelineDefinition(
                "Closed only",
                PipelineKind.PROJECT,
                List.of(new Stage("done", "Done", 100, null, StageType.WON)),
                null);

        assertThatThrownBy(() -> Pipeline.define("t", "p", definition, CLOCK))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .containsExactly(new FieldError("stages", "needs at least one OPEN stage")));
    }

    @Test
    void renamingAndReorderingPublishesTheNewStageListWithTheNextVersion() {
        Pipeline pipeline = sales();
        List<Stage> stages = new ArrayList<>(pipeline.stages());
        stages.set(0, new Stage("lead-generation", "Lead-Generierung", 10, 14, StageType.OPEN));
        stages.add(0, stages.remove(1)); // qualification first

        pipeline.redefine(
                new PipelineDefinition("Vertrieb", null, stages, pipeline.lostReasons()), Map.of(), Map.of(), CLOCK);

        assertThat(pipeline.stages().get(0).key()).isEqualTo("qualification");
        assertThat(pipeline.stages().get(1).name()).isEqualTo("Lead-Generierung");
        assertThat(pipeline.recordedEvents()).last().isInstanceOfSatisfying(PipelineDefined.class, defined -> {
            assertThat(defined.pipelineVersion()).isEqualTo(2);
            assertThat(defined.pipelineName()).isEqualTo("Vertrieb");
            assertThat(defined.stages().getFirst().key()).isEqualTo("qualification");
        });
    }

    @Test
    void removingAStageThatHoldsDealsNeedsAnOpenTargetStage() {
        Pipeline pipeline = sales();
        List<Stage> withoutNurturing = pipeline.stages().stream()
                .filter(stage -> !stage.key().equals("nurturing"))
                .toList();
        var definition = new PipelineDefinition("Sales", null, withoutNurturing, pipeline.lostReasons());

        assertThatThrownBy(() -> pipeline.redefine(definition, Map.of(), Map.of("nurturing", 3L), CLOCK))
                .isInstanceOf(StageNotEmptyException.class)
                .hasMessageContaining("nurturing");
        assertThatThrownBy(
                        () -> pipeline.redefine(definition, Map.of("nurturing", "won"), Map.of("nurturing", 3L), CLOCK))
                .isInstanceOf(UnprocessableInputException.class);
        assertThatThrownBy(() ->
                        pipeline.redefine(definition, Map.of("nurturing", "nurturing"), Map.of("nurturing", 3L), CLOCK))
                .isInstanceOf(UnprocessableInputException.class);
        assertThat(pipeline.stageKeys()).as("refused changes change nothing").contains("nurturing");

        pipeline.redefine(definition, Map.of("nurturing", "proposal"), Map.of("nurturing", 3L), CLOCK);

        assertThat(pipeline.stageKeys()).doesNotContain("nurturing");
        assertThat(pipeline.pendingRelocations()).containsExactly(Map.entry("nurturing", "proposal"));
    }

    @Test
    void anEmptyStageIsRemovedWithoutTargetAndAClosedStageWithDealsIsNot() {
        Pipeline pipeline = sales();
        List<Stage> withoutLost = pipeline.stages().stream()
                .filter(stage -> !stage.key().equals("lost"))
                .toList();
        var definition = new PipelineDefinition("Sales", null, withoutLost, pipeline.lostReasons());

        assertThatThrownBy(() -> pipeline.redefine(definition, Map.of(), Map.of("lost", 1L), CLOCK))
                .isInstanceOf(StageNotEmptyException.class)
                .hasMessageContaining("rename it");

        pipeline.redefine(definition, Map.of(), Map.of(), CLOCK);
        assertThat(pipeline.stageOfType(StageType.LOST)).isEmpty();
        assertThat(pipeline.pendingRelocations()).isEmpty();
    }

    @Test
    void kindCannotChangeAndAnUnchangedDefinitionRecordsNothing() {
        Pipeline pipeline = sales();
        pipeline.redefine(DefaultPipelines.SALES, Map.of(), Map.of(), CLOCK);
        assertThat(pipeline.recordedEvents()).hasSize(1);

        var asProject =
                new PipelineDefinition("Sales", PipelineKind.PROJECT, pipeline.stages(), pipeline.lostReasons());
        assertThatThrownBy(() -> pipeline.redefine(asProject, Map.of(), Map.of(), CLOCK))
                .isInstanceOf(UnprocessableInputException.class);
    }

    @Test
    void aStageHoldingDealsKeepsItsTypeAndBlanksAroundTheNameChangeNothing() {
        Pipeline pipeline = sales();
        List<Stage> wonReopened = pipeline.stages().stream()
                .map(stage -> stage.key().equals("won") ? new Stage("won", "Won", 100, null, StageType.OPEN) : stage)
                .toList();
        var definition = new PipelineDefinition("Sales", null, wonReopened, pipeline.lostReasons());

        assertThatThrownBy(() -> pipeline.redefine(definition, Map.of(), Map.of("won", 2L), CLOCK))
                .isInstanceOf(StageNotEmptyException.class)
                .hasMessageContaining("type cannot change");

        pipeline.redefine(
                new PipelineDefinition(" Sales ", null, pipeline.stages(), pipeline.lostReasons()),
                Map.of(),
                Map.of(),
                CLOCK);
        assertThat(pipeline.recordedEvents())
                .as("only the definition at creation")
                .hasSize(1);
    }
}
