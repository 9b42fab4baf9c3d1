package io.stageflow.deal.deals;

import io.stageflow.platform.web.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Limits on what people type into a deal; each broken rule names its field. */
final class DealValidation {

    static final int MAX_TITLE = 200;
    static final int MAX_TEXT = 200;
    static final int MAX_LABELS = 20;
    static final int MAX_LABEL = 50;
    static final int MAX_ACTIVITIES = 200;

    private DealValidation() {}

    static List<FieldError> problems(DealDraft draft) {
        List<FieldError> problems = new ArrayList<>();
        if (draft.title() == null || draft.title().isBlank()) {
            problems.add(new FieldError("title", "is required"));
        }
        common(problems, draft.title(), draft.ownerId(), draft.company(), draft.probability(), draft.labels());
        return problems;
    }

    static List<FieldError> problems(DealEdit edit) {
        List<FieldError> problems = new ArrayList<>();
        if (edit.title() != null && edit.title().isBlank()) {
            problems.add(new FieldError("title", "must not be blank"));
        }
        common(problems, edit.title(), edit.ownerId(), edit.company(), edit.probability(), edit.labels());
        return problems;
    }

    static List<FieldError> problems(ActivityDraft activity) {
        List<FieldError> problems = new ArrayList<>();
        if (activity.type() == null) {
            problems.add(new FieldError("type", "is required: CALL, MEETING, EMAIL or TASK"));
        }
        if (activity.subject() == null || activity.subject().isBlank()) {
            problems.add(new FieldError("subject", "is required"));
        } else if (activity.subject().length() > MAX_TEXT) {
            problems.add(new FieldError("subject", "must be at most " + MAX_TEXT + " characters"));
        }
        return problems;
    }

    private static void common(
            List<FieldError> problems,
            String title,
            String ownerId,
            String company,
            Integer probability,
            Set<String> labels) {
        max(problems, "title", title, MAX_TITLE);
        max(problems, "ownerId", ownerId, 100);
        max(problems, "company", company, MAX_TEXT);
        if (probability != null && (probability < 0 || probability > 100)) {
            problems.add(new FieldError("probability", "must be between 0 and 100"));
        }
        if (labels != null) {
            if (labels.size() > MAX_LABELS) {
                problems.add(new FieldError("labels", "must hold at most " + MAX_LABELS + " labels"));
            }
            for (String label : labels) {
                if (label == null || label.isBlank() || label.length() > MAX_LABEL) {
                    problems.add(new FieldError("labels", "each label must be 1 to " + MAX_LABEL + " characters"));
                    break;
                }
            }
        }
    }

    private static void max(List<FieldError> problems, String field, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }
}
