package io.stageflow.lead;

import io.stageflow.testsupport.ServiceHealthContract;
import io.stageflow.testsupport.StageflowIntegrationTest;

@StageflowIntegrationTest
class LeadServiceIntegrationTests implements ServiceHealthContract {

    @Override
    public String apiPath() {
        return "/api/v1/leads";
    }
}
