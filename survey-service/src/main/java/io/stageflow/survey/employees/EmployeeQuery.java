package io.stageflow.survey.employees;

import io.stageflow.platform.store.IdPage;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;

/** A page of the directory, filtered by segment attributes, in id order after {@code cursor}. */
public record EmployeeQuery(String team, String department, String location, String cursor, int limit) {

    IdPage<Employee> run(MongoTemplate mongo, String tenantId) {
        Criteria criteria = Criteria.where("tenantId").is(tenantId);
        if (team != null) {
            criteria = criteria.and("team").is(team);
        }
        if (department != null) {
            criteria = criteria.and("department").is(department);
        }
        if (location != null) {
            criteria = criteria.and("location").is(location);
        }
        return IdPage.find(mongo, criteria, cursor, limit, Employee.class, Employee::id);
    }
}
