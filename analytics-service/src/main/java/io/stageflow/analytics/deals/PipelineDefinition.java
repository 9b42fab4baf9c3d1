package io.stageflow.analytics.deals;

import io.stageflow.events.deal.PipelineDefined;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A pipeline as deal analytics needs it: every published version of its ordered stage list, oldest first.
 * Versions are kept so that a question about a past instant sees the stages the pipeline had then (a stage
 * removed since still had deals in it). {@code sequence} is the pipeline's last event applied.
 */
@Document("pipeline_definitions")
record PipelineDefinition(@Id String id, String tenantId, String pipelineId, List<Version> versions, long sequence) {

    static String idOf(String tenantId, String pipelineId) {
        return tenantId + ":" + pipelineId;
    }

    /** The first definition of a pipeline: its sequence-1 event. */
    static PipelineDefinition defined(String tenantId, PipelineDefined defined, long sequence) {
        return new PipelineDefinition(
                idOf(tenantId, defined.pipelineId()),
                tenantId,
                defined.pipelineId(),
                List.of(Version.of(defined)),
                sequence);
    }

    /** This pipeline with one more version, the one {@code defined} describes. */
    PipelineDefinition then(PipelineDefined defined, long sequence) {
        List<Version> next = new ArrayList<>(versions);
        next.add(Version.of(defined));
        return new PipelineDefinition(id, tenantId, pipelineId, List.copyOf(next), sequence);
    }

    Version latest() {
        return versions.getLast();
    }

    /**
     * The version a question about {@code instant} should read: the newest defined at or before it, or the first
     * when the instant precedes every definition (deals can be older than the oldest definition analytics saw).
     */
    Version inEffectAt(Instant instant) {
        Version chosen = versions.getFirst();
        for (Version version : versions) {
            if (!version.definedAt().isAfter(instant)) {
                chosen = version;
            }
        }
        return chosen;
    }

    /** One published stage list, in the pipeline's order. */
    record Version(long pipelineVersion, String name, String kind, Instant definedAt, List<Stage> stages) {

        static Version of(PipelineDefined defined) {
            return new Version(
                    defined.pipelineVersion(),
                    defined.pipelineName(),
                    defined.kind(),
                    defined.definedAt(),
                    defined.stages().stream()
                            .map(s -> new Stage(s.key(), s.name(), s.probability(), s.type()))
                            .toList());
        }

        /** The open stages in pipeline order: the funnel's steps. */
        List<Stage> openStages() {
            return stages.stream().filter(Stage::open).toList();
        }

        Optional<Stage> stage(String key) {
            return stages.stream().filter(s -> s.key().equals(key)).findFirst();
        }
    }

    /** {@code probability} 0–100; {@code type} {@code OPEN}, {@code WON} or {@code LOST}. */
    record Stage(String key, String name, int probability, String type) {

        boolean open() {
            return "OPEN".equals(type);
        }
    }
}
