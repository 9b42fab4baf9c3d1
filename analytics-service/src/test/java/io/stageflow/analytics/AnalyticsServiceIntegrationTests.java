package io.stageflow.analytics;

import io.stageflow.testsupport.ServiceHealthContract;
import io.stageflow.testsupport.StageflowIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@StageflowIntegrationTest
class AnalyticsServiceIntegrationTests implements ServiceHealthContract {

    @LocalServerPort
    int port;

    @Override
    public int port() {
        return port;
    }

    @Override
    public String apiPath() {
        return "/api/v1/analytics/lead-funnel";
    }
}
