package io.stageflow.deal.pipelines.web;

import io.stageflow.deal.pipelines.PipelineDefinition;
import io.stageflow.deal.pipelines.PipelineKind;
import io.stageflow.deal.pipelines.Stage;
import io.stageflow.deal.pipelines.StageType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** Request bodies of the pipeline API; the pipeline's own rules (keys, types, one open stage) name their fields. */
final class PipelineRequests {

    private PipelineRequests() {}

    record StageBody(String key, String name, @NotNull Integer probability, Integer rottingDays, StageType type) {

        static StageBody of(Stage stage) {
            return new StageBody(stage.key(), stage.name(), stage.probability(), stage.rottingDays(), stage.type());
        }

        Stage toStage() {
            return new Stage(key, name == null ? null : name.strip(), probability, rottingDays, type);
        }
    }

    record DefinePipeline(
            String name,
            PipelineKind kind,
            @Valid @Size(max = 30) List<StageBody> stages,
            List<String> lostReasons) {

        PipelineDefinition toDefinition() {
            return definition(name, kind, stages, lostReasons);
        }
    }

    /** The whole new definition; {@code moveDealsTo} maps each removed stage holding deals to its target. */
    record RedefinePipeline(
            String name,
            PipelineKind kind,
            @Valid @Size(max = 30) List<StageBody> stages,
            List<String> lostReasons,
            Map<String, String> moveDealsTo) {

        PipelineDefinition toDefinition() {
            return definition(name, kind, stages, lostReasons);
        }

        Map<String, String> moves() {
            return moveDealsTo == null ? Map.of() : moveDealsTo;
        }
    }

    private static PipelineDefinition definition(
            String name, PipelineKind kind, List<StageBody> stages, List<String> lostReasons) {
        return new PipelineDefinition(
                name,
                kind,
                stages == null
                        ? List.of()
                        : stages.stream()
                                .map(stage -> stage == null ? null : stage.toStage())
                                .toList(),
                lostReasons);
    }
}
