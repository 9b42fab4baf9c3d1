package io.stageflow.survey.employees;

import java.util.List;
import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface Employees extends MongoRepository<Employee, String> {

    Optional<Employee> findByTenantIdAndEmail(String tenantId, String email);

    List<Employee> findByTenantIdAndEmailIn(String tenantId, List<String> emails);

    List<Employee> findByTenantId(String tenantId);

    Optional<Employee> findFirstByTenantIdAndUserId(String tenantId, String userId);
}
