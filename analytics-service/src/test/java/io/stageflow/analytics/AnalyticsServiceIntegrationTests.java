package io.stageflow.analytics;

import io.stageflow.testsupport.ServiceHealthContract;
import io.stageflow.testsupport.StageflowIntegrationTest;

@StageflowIntegrationTest
class AnalyticsServiceIntegrationTests implements ServiceHealthContract {

    @Override
    public String apiPath() {
        return "/api/v1/analytics/lead-funnel";
    }
}
