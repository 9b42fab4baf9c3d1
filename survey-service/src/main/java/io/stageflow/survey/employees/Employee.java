package io.stageflow.survey.employees;

import io.stageflow.events.survey.Segment;
import java.time.Instant;
import java.util.Locale;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person in the tenant's directory. survey-service is the only place that knows people: their email for
 * invitations, their login ({@code userId}) for one-on-ones, and the segment attributes copied onto an
 * invitation, never onto an answer.
 */
@Document("employees")
@CompoundIndex(name = "tenant_email", def = "{'tenantId': 1, 'email': 1}", unique = true)
public class Employee {

    @Id
    private String id;

    private String tenantId;
    private String email;
    private String name;
    private String userId;
    private String team;
    private String department;
    private String location;
    private String managerId;
    private Instant createdAt;
    private Instant updatedAt;

    @Version
    private Long version;

    protected Employee() {}

    static Employee create(String tenantId, String id, EmployeeDraft draft, String managerId, Instant now) {
        var employee = new Employee();
        employee.id = id;
        employee.tenantId = tenantId;
        employee.createdAt = now;
        employee.apply(draft, managerId, now);
        return employee;
    }

    /** Replaces the fields the draft sets; absent fields of a draft keep their value. */
    void apply(EmployeeDraft draft, String managerId, Instant now) {
        if (draft.email() != null) {
            email = normalisedEmail(draft.email());
        }
        name = pick(draft.name(), name);
        userId = pick(draft.userId(), userId);
        team = pick(draft.team(), team);
        department = pick(draft.department(), department);
        location = pick(draft.location(), location);
        if (managerId != null) {
            this.managerId = managerId;
        }
        updatedAt = now;
    }

    static String normalisedEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static String pick(String given, String current) {
        if (given == null) {
            return current;
        }
        return given.isBlank() ? null : given.strip();
    }

    /** The attributes surveys are broken down by, as copied onto an invitation. */
    public Segment segment() {
        return new Segment(team, department, location);
    }

    public String id() {
        return id;
    }

    public String tenantId() {
        return tenantId;
    }

    public String email() {
        return email;
    }

    public String name() {
        return name;
    }

    public String userId() {
        return userId;
    }

    public String team() {
        return team;
    }

    public String department() {
        return department;
    }

    public String location() {
        return location;
    }

    public String managerId() {
        return managerId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Long version() {
        return version;
    }
}
