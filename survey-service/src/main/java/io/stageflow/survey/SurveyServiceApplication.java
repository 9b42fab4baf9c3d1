package io.stageflow.survey;

import io.stageflow.platform.security.PublicPaths;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(SurveyProperties.class)
public class SurveyServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(SurveyServiceApplication.class, args);
    }

    /** Survey answers are authorised by their single-use invitation token, not by a person's bearer token. */
    @Bean
    PublicPaths anonymousResponses() {
        return new PublicPaths(List.of("/api/v1/responses/*"));
    }
}
