package io.stageflow.survey;

import io.stageflow.testsupport.ServiceHealthContract;
import io.stageflow.testsupport.StageflowIntegrationTest;

@StageflowIntegrationTest
class SurveyServiceIntegrationTests implements ServiceHealthContract {

    @Override
    public String apiPath() {
        return "/api/v1/surveys";
    }
}
