package io.stageflow.deal.pipelines;

import io.stageflow.events.deal.PipelineDefined;
import io.stageflow.platform.outbox.AggregateRoot;
import io.stageflow.platform.web.FieldError;
import io.stageflow.platform.web.InvalidInputException;
import io.stageflow.platform.web.UnprocessableInputException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A tenant's ordered stages that deals move through. Every definition is published whole as
 * {@code pipeline.defined} with its revision, so analytics always knows the stage order and probabilities.
 */
@Document("pipelines")
@CompoundIndex(name = "tenant_created", def = "{'tenantId': 1, 'createdAt': 1}")
public class Pipeline extends AggregateRoot {

    @Id
    private String id;

    private String tenantId;
    private String name;
    private PipelineKind kind;
    private List<Stage> stages = new ArrayList<>();
    private List<String> lostReasons = new ArrayList<>();
    /** Removed stage → stage its deals move to; kept until every deal has moved, so a crash cannot strand any. */
    private Map<String, String> pendingRelocations = new LinkedHashMap<>();
    /** Set while {@link #pendingRelocations} holds moves, so the periodic check finds them by a plain flag. */
    private boolean relocationPending;
    /** How many definitions this pipeline has had; {@code pipelineVersion} of its events. */
    private long revision;

    private Instant createdAt;
    private Instant updatedAt;

    @Version
    private Long version;

    protected Pipeline() {}

    public static Pipeline define(String tenantId, String id, PipelineDefinition definition, Clock clock) {
        var problems = PipelineValidation.problems(definition);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        var pipeline = new Pipeline();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        pipeline.id = id;
        pipeline.tenantId = tenantId;
        pipeline.kind = definition.kind();
        pipeline.createdAt = now;
        pipeline.apply(definition, now);
        return pipeline;
    }

    /**
     * Replaces name, stages and lost reasons. A removed stage holding deals needs a target in
     * {@code moveDealsTo}; those deals are moved afterwards (see {@link #pendingRelocations()}). Records nothing
     * when nothing changed.
     *
     * @param dealsPerStage how many deals each stage holds now
     */
    public void redefine(
            PipelineDefinition definition,
            Map<String, String> moveDealsTo,
            Map<String, Long> dealsPerStage,
            Clock clock) {
        if (definition.kind() != null && definition.kind() != kind) {
            throw new UnprocessableInputException("kind", "cannot change; this pipeline is " + kind);
        }
        var withKind = new PipelineDefinition(definition.name(), kind, definition.stages(), definition.lostReasons());
        var problems = PipelineValidation.problems(withKind);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Map<String, Stage> kept =
                withKind.stages().stream().collect(Collectors.toMap(Stage::key, stage -> stage, (a, b) -> a));
        Map<String, String> relocations = new LinkedHashMap<>();
        List<FieldError> badTargets = new ArrayList<>();
        for (var target : moveDealsTo.entrySet()) {
            if (kept.containsKey(target.getKey()) || stage(target.getKey()).isEmpty()) {
                badTargets.add(new FieldError("moveDealsTo." + target.getKey(), "is not a stage this change removes"));
            }
        }
        for (Stage removed : stages) {
            if (kept.containsKey(removed.key())) {
                continue;
            }
            long deals = dealsPerStage.getOrDefault(removed.key(), 0L);
            String target = moveDealsTo.get(removed.key());
            if (deals > 0 && !removed.isOpen()) {
                throw new StageNotEmptyException(
                        removed.key(),
                        deals,
                        "The " + removed.type() + " stage '" + removed.key() + "' holds " + deals
                                + " closed deal(s); rename it instead of removing it");
            }
            if (deals > 0 && target == null) {
                throw new StageNotEmptyException(
                        removed.key(),
                        deals,
                        "Stage '" + removed.key() + "' holds " + deals
                                + " deal(s); name the stage they move to in moveDealsTo." + removed.key());
            }
            if (target != null) {
                Stage to = kept.get(target);
                if (to == null || !to.isOpen()) {
                    badTargets.add(new FieldError(
                            "moveDealsTo." + removed.key(), "must be an OPEN stage of the new stage list"));
                } else {
                    relocations.put(removed.key(), target);
                }
            }
        }
        if (!badTargets.isEmpty()) {
            throw new UnprocessableInputException(badTargets);
        }
        for (Stage before : stages) {
            Stage after = kept.get(before.key());
            long deals = dealsPerStage.getOrDefault(before.key(), 0L);
            if (after != null && after.type() != before.type() && deals > 0) {
                throw new StageNotEmptyException(
                        before.key(),
                        deals,
                        "Stage '" + before.key() + "' holds " + deals + " deal(s); its type cannot change from "
                                + before.type() + " to " + after.type());
            }
        }
        boolean unchanged = withKind.name().strip().equals(name)
                && withKind.stages().equals(stages)
                && withKind.lostReasons().equals(lostReasons);
        if (unchanged) {
            return;
        }
        pendingRelocations.putAll(relocations);
        relocationPending = !pendingRelocations.isEmpty();
        apply(withKind, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    private void apply(PipelineDefinition definition, Instant now) {
        name = definition.name().strip();
        stages = new ArrayList<>(definition.stages());
        lostReasons = new ArrayList<>(definition.lostReasons());
        updatedAt = now;
        revision++;
        record(new PipelineDefined(
                id,
                name,
                kind.name(),
                revision,
                stages.stream().map(Stage::toEvent).toList(),
                List.copyOf(lostReasons),
                now));
    }

    public Optional<Stage> stage(String key) {
        return stages.stream().filter(stage -> stage.key().equals(key)).findFirst();
    }

    /** Where new deals start: the first open stage in the pipeline's order. */
    public Stage firstOpenStage() {
        return stages.stream().filter(Stage::isOpen).findFirst().orElseThrow();
    }

    public Optional<Stage> stageOfType(StageType type) {
        return stages.stream().filter(stage -> stage.type() == type).findFirst();
    }

    /** The stage a deal may move to with {@code POST /deals/{id}/stage}; 422 naming {@code field} otherwise. */
    public Stage requireOpenStage(String field, String key) {
        Stage stage = stage(key)
                .orElseThrow(
                        () -> new UnprocessableInputException(field, "'" + key + "' is not a stage of pipeline " + id));
        if (!stage.isOpen()) {
            throw new UnprocessableInputException(
                    field, "'" + key + "' is a " + stage.type() + " stage; use /won or /lost to close a deal");
        }
        return stage;
    }

    public Set<String> stageKeys() {
        return stages.stream().map(Stage::key).collect(Collectors.toSet());
    }

    /** A deal can only be closed as lost for one of these reasons; an empty list accepts any reason. */
    public boolean acceptsLostReason(String reason) {
        return lostReasons.isEmpty() || lostReasons.contains(reason);
    }

    public Map<String, String> pendingRelocations() {
        return Map.copyOf(pendingRelocations);
    }

    @Override
    public String aggregateId() {
        return id;
    }

    @Override
    public String tenantId() {
        return tenantId;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public PipelineKind kind() {
        return kind;
    }

    public List<Stage> stages() {
        return List.copyOf(stages);
    }

    public List<String> lostReasons() {
        return List.copyOf(lostReasons);
    }

    public long revision() {
        return revision;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version == null ? 0 : version;
    }
}
