package io.stageflow.survey.employees.web;

import io.stageflow.platform.security.Caller;
import io.stageflow.survey.SurveyRoles;
import io.stageflow.survey.employees.Employee;
import io.stageflow.survey.employees.EmployeeDirectory;
import io.stageflow.survey.employees.EmployeeDirectory.ImportResult;
import io.stageflow.survey.employees.EmployeeDraft;
import io.stageflow.survey.employees.EmployeeImport;
import io.stageflow.survey.employees.EmployeeQuery;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The employees directory, for HR and admins only. */
@RestController
@RequestMapping("/api/v1/employees")
class EmployeeController {

    private final EmployeeDirectory directory;
    private final EmployeeImport imports;

    EmployeeController(EmployeeDirectory directory, EmployeeImport imports) {
        this.directory = directory;
        this.imports = imports;
    }

    record EmployeeBody(
            String id,
            String email,
            String name,
            String userId,
            String team,
            String department,
            String location,
            String managerId,
            Instant createdAt,
            Instant updatedAt,
            long version) {

        static EmployeeBody of(Employee e) {
            return new EmployeeBody(
                    e.id(),
                    e.email(),
                    e.name(),
                    e.userId(),
                    e.team(),
                    e.department(),
                    e.location(),
                    e.managerId(),
                    e.createdAt(),
                    e.updatedAt(),
                    e.version() == null ? 0 : e.version());
        }
    }

    record EmployeePage(List<EmployeeBody> items, String nextCursor) {}

    /** A JSON array of employees; known emails are updated. */
    @PostMapping(consumes = "application/json")
    ResponseEntity<ImportResult> importJson(Caller caller, @RequestBody List<EmployeeDraft> employees) {
        SurveyRoles.requireHr(caller);
        return ResponseEntity.status(HttpStatus.OK).body(imports.fromJson(caller.tenantId(), employees));
    }

    /** A CSV file (header row with email, name, team, department, location, manager …). */
    @PostMapping(consumes = "text/csv")
    ResponseEntity<ImportResult> importCsv(Caller caller, @RequestBody String csv) {
        SurveyRoles.requireHr(caller);
        return ResponseEntity.ok(imports.fromCsv(caller.tenantId(), csv));
    }

    @GetMapping
    EmployeePage list(
            Caller caller,
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String department,
            @RequestParam(required = false) String location,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        SurveyRoles.requireHr(caller);
        var page = directory.list(caller.tenantId(), new EmployeeQuery(team, department, location, cursor, limit));
        return new EmployeePage(page.items().stream().map(EmployeeBody::of).toList(), page.nextCursor());
    }

    @GetMapping("/{id}")
    EmployeeBody get(Caller caller, @PathVariable String id) {
        SurveyRoles.requireHr(caller);
        return EmployeeBody.of(directory.get(caller.tenantId(), id));
    }

    @PatchMapping("/{id}")
    EmployeeBody update(Caller caller, @PathVariable String id, @RequestBody EmployeeDraft edit) {
        SurveyRoles.requireHr(caller);
        return EmployeeBody.of(directory.update(caller.tenantId(), id, edit));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        SurveyRoles.requireHr(caller);
        directory.delete(caller.tenantId(), id);
        return ResponseEntity.noContent().build();
    }
}
