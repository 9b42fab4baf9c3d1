package io.stageflow.survey.employees;

/**
 * An employee as an import row or a request gives them. The manager is named by email ({@code managerEmail},
 * natural in a spreadsheet) or by employee id ({@code managerId}); the email wins when both are given.
 */
public record EmployeeDraft(
        String email,
        String name,
        String userId,
        String team,
        String department,
        String location,
        String managerId,
        String managerEmail) {}
