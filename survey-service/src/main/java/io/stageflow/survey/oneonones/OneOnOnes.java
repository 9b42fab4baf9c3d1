package io.stageflow.survey.oneonones;

import java.util.List;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface OneOnOnes extends MongoRepository<OneOnOne, String> {

    List<OneOnOne> findByTenantIdAndManagerId(String tenantId, String managerId);

    List<OneOnOne> findByTenantIdAndReportId(String tenantId, String reportId);

    List<OneOnOne> findByTenantId(String tenantId);
}
