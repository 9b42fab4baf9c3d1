package io.stageflow.survey.runs;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the survey clock at a fixed delay; tests switch it off and call {@link RunScheduler#tick()} themselves. */
@Component
@ConditionalOnProperty(name = "stageflow.survey.scheduler-enabled", matchIfMissing = true)
class SchedulerTrigger {

    private final RunScheduler scheduler;

    SchedulerTrigger(RunScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Scheduled(
            initialDelayString = "${stageflow.survey.scheduler-interval:15s}",
            fixedDelayString = "${stageflow.survey.scheduler-interval:15s}")
    void tick() {
        scheduler.tick();
    }
}
