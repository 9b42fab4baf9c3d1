package io.stageflow.deal.pipelines;

import io.stageflow.platform.web.FieldError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules a pipeline definition must keep; each broken rule names the field at fault. */
final class PipelineValidation {

    static final int MAX_NAME = 100;
    static final int MAX_STAGES = 30;
    static final int MAX_LOST_REASONS = 50;
    static final int MAX_ROTTING_DAYS = 3650;
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]{0,49}");

    private PipelineValidation() {}

    static List<FieldError> problems(PipelineDefinition definition) {
        List<FieldError> problems = new ArrayList<>();
        text(problems, "name", definition.name(), MAX_NAME);
        if (definition.kind() == null) {
            problems.add(new FieldError("kind", "is required: SALES or PROJECT"));
        }
        List<Stage> stages = definition.stages();
        if (stages.isEmpty() || stages.size() > MAX_STAGES) {
            problems.add(new FieldError("stages", "must hold 1 to " + MAX_STAGES + " stages"));
        }
        Map<String, Integer> firstIndexOfKey = new HashMap<>();
        Map<StageType, Integer> perType = new HashMap<>();
        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            String at = "stages[" + i + "]";
            if (stage == null) {
                problems.add(new FieldError(at, "must be a stage"));
                continue;
            }
            if (stage.key() == null || !KEY.matcher(stage.key()).matches()) {
                problems.add(new FieldError(
                        at + ".key",
                        "must be 1 to 50 lower-case letters, digits or dashes, starting with a letter or digit"));
            } else {
                Integer first = firstIndexOfKey.putIfAbsent(stage.key(), i);
                if (first != null) {
                    problems.add(
                            new FieldError(at + ".key", "duplicates stages[" + first + "].key '" + stage.key() + "'"));
                }
            }
            text(problems, at + ".name", stage.name(), MAX_NAME);
            if (stage.probability() < 0 || stage.probability() > 100) {
                problems.add(new FieldError(at + ".probability", "must be between 0 and 100"));
            }
            if (stage.rottingDays() != null && (stage.rottingDays() < 1 || stage.rottingDays() > MAX_ROTTING_DAYS)) {
                problems.add(new FieldError(at + ".rottingDays", "must be between 1 and " + MAX_ROTTING_DAYS));
            }
            if (stage.type() == null) {
                problems.add(new FieldError(at + ".type", "is required: OPEN, WON or LOST"));
            } else {
                perType.merge(stage.type(), 1, Integer::sum);
            }
        }
        if (!stages.isEmpty() && perType.getOrDefault(StageType.OPEN, 0) == 0) {
            problems.add(new FieldError("stages", "needs at least one OPEN stage"));
        }
        for (StageType closing : List.of(StageType.WON, StageType.LOST)) {
            if (perType.getOrDefault(closing, 0) > 1) {
                problems.add(new FieldError("stages", "may hold at most one " + closing + " stage"));
            }
        }
        List<String> reasons = definition.lostReasons();
        if (reasons.size() > MAX_LOST_REASONS) {
            problems.add(new FieldError("lostReasons", "must hold at most " + MAX_LOST_REASONS + " reasons"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < reasons.size(); i++) {
            String at = "lostReasons[" + i + "]";
            text(problems, at, reasons.get(i), MAX_NAME);
            if (reasons.get(i) != null && !seen.add(reasons.get(i))) {
                problems.add(new FieldError(at, "duplicates another lost reason"));
            }
        }
        return problems;
    }

    private static void text(List<FieldError> problems, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldError(field, "is required"));
        } else if (value.length() > max) {
            problems.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }
}
