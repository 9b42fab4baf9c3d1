package io.stageflow.deal;

import io.stageflow.testsupport.ServiceHealthContract;
import io.stageflow.testsupport.StageflowIntegrationTest;

@StageflowIntegrationTest
class DealServiceIntegrationTests implements ServiceHealthContract {

    @Override
    public String apiPath() {
        return "/api/v1/deals";
    }
}
