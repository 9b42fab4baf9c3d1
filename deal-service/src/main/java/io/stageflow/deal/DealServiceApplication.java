package io.stageflow.deal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** deal-service: pipelines, stages, deals, stage moves, won/lost and stale-deal detection. */
@SpringBootApplication
@EnableScheduling
public class DealServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(DealServiceApplication.class, args);
    }
}
