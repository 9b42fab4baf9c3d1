package io.stageflow.survey.employees;

import io.stageflow.platform.web.FieldError;
import java.util.ArrayList;
import java.util.List;

/** What an employee row must hold; each broken rule names its field (prefixed with the row in an import). */
final class EmployeeValidation {

    static final int MAX_NAME = 200;
    static final int MAX_ATTRIBUTE = 100;

    private EmployeeValidation() {}

    static List<FieldError> problems(EmployeeDraft draft, boolean creating, String row) {
        List<FieldError> problems = new ArrayList<>();
        String prefix = row == null ? "" : row + ".";
        if (draft.email() == null || draft.email().isBlank()) {
            if (creating) {
                problems.add(new FieldError(prefix + "email", "is required"));
            }
        } else if (!EmployeeDirectory.isEmail(draft.email())) {
            problems.add(new FieldError(prefix + "email", "is not an email address"));
        }
        if (draft.name() == null || draft.name().isBlank()) {
            if (creating || draft.name() != null) {
                problems.add(new FieldError(prefix + "name", "is required"));
            }
        } else if (draft.name().length() > MAX_NAME) {
            problems.add(new FieldError(prefix + "name", "must be at most " + MAX_NAME + " characters"));
        }
        max(problems, prefix + "userId", draft.userId());
        max(problems, prefix + "team", draft.team());
        max(problems, prefix + "department", draft.department());
        max(problems, prefix + "location", draft.location());
        max(problems, prefix + "managerId", draft.managerId());
        if (draft.managerEmail() != null
                && !draft.managerEmail().isBlank()
                && !EmployeeDirectory.isEmail(draft.managerEmail())) {
            problems.add(new FieldError(prefix + "managerEmail", "is not an email address"));
        }
        return problems;
    }

    private static void max(List<FieldError> problems, String field, String value) {
        if (value != null && value.length() > MAX_ATTRIBUTE) {
            problems.add(new FieldError(field, "must be at most " + MAX_ATTRIBUTE + " characters"));
        }
    }
}
