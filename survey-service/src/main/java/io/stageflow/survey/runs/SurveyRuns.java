package io.stageflow.survey.runs;

import java.util.List;
import org.springframework.data.mongodb.repository.MongoRepository;

public interface SurveyRuns extends MongoRepository<SurveyRun, String> {

    List<SurveyRun> findByStatus(RunStatus status);

    List<SurveyRun> findByStatusAndRosterDeletedFalse(RunStatus status);

    List<SurveyRun> findByTenantIdAndSurveyIdOrderByNumberDesc(String tenantId, String surveyId);
}
