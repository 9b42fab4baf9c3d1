package io.stageflow.survey.employees;

import io.stageflow.platform.store.IdPage;
import io.stageflow.platform.web.FieldError;
import io.stageflow.platform.web.InvalidInputException;
import io.stageflow.platform.web.ResourceNotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The tenant's people. Imports are all or nothing: every row is checked (email, name, the manager it names)
 * before the first one is written, so a bad file changes nothing. A known email updates that employee.
 */
@Service
public class EmployeeDirectory {

    static final int MAX_IMPORT = 10_000;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final Employees employees;
    private final MongoTemplate mongo;
    private final Clock clock;

    public EmployeeDirectory(Employees employees, MongoTemplate mongo, Clock clock) {
        this.employees = employees;
        this.mongo = mongo;
        this.clock = clock;
    }

    public record ImportResult(int created, int updated) {}

    /**
     * Adds or updates every draft. {@code fieldOf} names a row's field in error messages ({@code [3].email} for a
     * JSON array, {@code rows[4].email} for a CSV file).
     */
    public ImportResult importAll(String tenantId, List<EmployeeDraft> drafts, IntFunction<String> rowName) {
        List<FieldError> problems = new ArrayList<>();
        if (drafts.isEmpty()) {
            problems.add(new FieldError("employees", "must hold at least one employee"));
        }
        if (drafts.size() > MAX_IMPORT) {
            problems.add(new FieldError("employees", "must hold at most " + MAX_IMPORT + " employees per import"));
        }
        throwIfAny(problems);
        Map<String, Integer> rowByEmail = new HashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            EmployeeDraft draft = drafts.get(i);
            if (draft == null) {
                problems.add(new FieldError(rowName.apply(i), "must be an employee"));
                continue;
            }
            problems.addAll(EmployeeValidation.problems(draft, true, rowName.apply(i)));
            if (draft.email() != null && rowByEmail.putIfAbsent(Employee.normalisedEmail(draft.email()), i) != null) {
                problems.add(new FieldError(rowName.apply(i) + ".email", "appears more than once in this import"));
            }
        }
        throwIfAny(problems);

        Map<String, Employee> existingByEmail = new HashMap<>();
        employees
                .findByTenantIdAndEmailIn(tenantId, List.copyOf(rowByEmail.keySet()))
                .forEach(employee -> existingByEmail.put(employee.email(), employee));
        Map<String, String> idByEmail = new HashMap<>();
        existingByEmail.forEach((email, employee) -> idByEmail.put(email, employee.id()));
        rowByEmail
                .keySet()
                .forEach(email ->
                        idByEmail.computeIfAbsent(email, e -> UUID.randomUUID().toString()));

        List<String> managerEmails = drafts.stream()
                .map(EmployeeDraft::managerEmail)
                .filter(Objects::nonNull)
                .map(Employee::normalisedEmail)
                .filter(email -> !idByEmail.containsKey(email))
                .distinct()
                .toList();
        employees.findByTenantIdAndEmailIn(tenantId, managerEmails).forEach(m -> idByEmail.put(m.email(), m.id()));
        Set<String> managerIds = new HashSet<>();
        drafts.stream().map(EmployeeDraft::managerId).filter(Objects::nonNull).forEach(managerIds::add);
        managerIds.removeAll(idByEmail.values());
        Set<String> knownManagerIds = new HashSet<>(idByEmail.values());
        mongo.find(
                        Query.query(Criteria.where("tenantId")
                                .is(tenantId)
                                .and("_id")
                                .in(managerIds)),
                        Employee.class)
                .forEach(manager -> knownManagerIds.add(manager.id()));

        List<String> resolvedManagers = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            EmployeeDraft draft = drafts.get(i);
            String managerId = null;
            if (draft.managerEmail() != null && !draft.managerEmail().isBlank()) {
                managerId = idByEmail.get(Employee.normalisedEmail(draft.managerEmail()));
                if (managerId == null) {
                    problems.add(new FieldError(rowName.apply(i) + ".managerEmail", "no employee has this email"));
                }
            } else if (draft.managerId() != null && !draft.managerId().isBlank()) {
                managerId = draft.managerId();
                if (!knownManagerIds.contains(managerId)) {
                    problems.add(new FieldError(rowName.apply(i) + ".managerId", "no employee has this id"));
                }
            }
            resolvedManagers.add(managerId);
        }
        throwIfAny(problems);

        Instant now = clock.instant();
        int created = 0;
        List<Employee> toSave = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            EmployeeDraft draft = drafts.get(i);
            String email = Employee.normalisedEmail(draft.email());
            Employee existing = existingByEmail.get(email);
            if (existing == null) {
                toSave.add(Employee.create(tenantId, idByEmail.get(email), draft, resolvedManagers.get(i), now));
                created++;
            } else {
                existing.apply(draft, resolvedManagers.get(i), now);
                toSave.add(existing);
            }
        }
        employees.saveAll(toSave);
        return new ImportResult(created, toSave.size() - created);
    }

    public Employee get(String tenantId, String id) {
        return employees
                .findById(id)
                .filter(employee -> employee.tenantId().equals(tenantId))
                .orElseThrow(() -> new ResourceNotFoundException("Employee", id));
    }

    public Employee update(String tenantId, String id, EmployeeDraft edit) {
        Employee employee = get(tenantId, id);
        List<FieldError> problems = new ArrayList<>(EmployeeValidation.problems(edit, false, null));
        if (edit.email() != null && problems.isEmpty()) {
            employees
                    .findByTenantIdAndEmail(tenantId, Employee.normalisedEmail(edit.email()))
                    .filter(other -> !other.id().equals(id))
                    .ifPresent(other -> problems.add(new FieldError("email", "another employee has this email")));
        }
        String managerId = null;
        if (edit.managerEmail() != null && !edit.managerEmail().isBlank()) {
            managerId = employees
                    .findByTenantIdAndEmail(tenantId, Employee.normalisedEmail(edit.managerEmail()))
                    .map(Employee::id)
                    .orElse(null);
            if (managerId == null) {
                problems.add(new FieldError("managerEmail", "no employee has this email"));
            }
        } else if (edit.managerId() != null && !edit.managerId().isBlank()) {
            managerId = edit.managerId();
            if (employees
                    .findById(managerId)
                    .filter(m -> m.tenantId().equals(tenantId))
                    .isEmpty()) {
                problems.add(new FieldError("managerId", "no employee has this id"));
            }
        }
        if (id.equals(managerId)) {
            problems.add(new FieldError("managerId", "an employee cannot be their own manager"));
        }
        throwIfAny(problems);
        employee.apply(edit, managerId, clock.instant());
        return employees.save(employee);
    }

    /** Removes the person entirely (leaving the company, or erasure); answers they gave never named them. */
    public void delete(String tenantId, String id) {
        employees.delete(get(tenantId, id));
    }

    public IdPage<Employee> list(String tenantId, EmployeeQuery query) {
        return query.run(mongo, tenantId);
    }

    /** The employees a survey's audience covers: everyone, or those in any of the chosen segments. */
    public List<Employee> audience(String tenantId, boolean all, Map<String, List<String>> segments) {
        Criteria criteria = Criteria.where("tenantId").is(tenantId);
        if (!all) {
            List<Criteria> any = new ArrayList<>();
            segments.forEach((attribute, values) -> {
                if (!values.isEmpty()) {
                    any.add(Criteria.where(attribute).in(values));
                }
            });
            if (any.isEmpty()) {
                return List.of();
            }
            criteria = criteria.orOperator(any.toArray(Criteria[]::new));
        }
        return mongo.find(Query.query(criteria), Employee.class);
    }

    public Employee byUserId(String tenantId, String userId) {
        return employees.findFirstByTenantIdAndUserId(tenantId, userId).orElse(null);
    }

    private static void throwIfAny(List<FieldError> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems.size() > 50 ? problems.subList(0, 50) : problems);
        }
    }

    static boolean isEmail(String value) {
        return value.length() <= 254 && EMAIL.matcher(value.strip()).matches();
    }
}
