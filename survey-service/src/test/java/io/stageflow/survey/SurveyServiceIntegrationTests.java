package io.stageflow.survey;

import static org.assertj.core.api.Assertions.assertThat;

import io.stageflow.testsupport.ApiClient;
import io.stageflow.testsupport.ServiceHealthContract;
import io.stageflow.testsupport.StageflowIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@StageflowIntegrationTest
class SurveyServiceIntegrationTests implements ServiceHealthContract {

    @LocalServerPort
    int servicePort;

    @Override
    public String apiPath() {
        return "/api/v1/surveys";
    }

    @Test
    void describesItsApiAsAnOpenApiDocument() {
        var document = new ApiClient("http://localhost:" + servicePort).get("/v3/api-docs", null);

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.body().get("paths").propertyNames())
                .contains("/api/v1/surveys", "/api/v1/responses/{token}", "/api/v1/one-on-ones/{id}");
    }
}
