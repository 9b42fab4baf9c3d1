package io.stageflow.survey;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param schedulerInterval how often runs are opened, reminded, closed and answers released
 * @param lockLease how long one instance may hold the scheduler lock before another may take it over
 * @param answerBatch responses of one run and segment published together; fewer would let an event's timing
 *     point at a person, so 5 is the least allowed
 * @param reminderBefore how long before a run closes its reminder goes out (at most half the window)
 * @param closeGrace how long after a run's close time it is closed, so answers accepted just before are in
 * @param responseUrl where an invitation link points; the token is appended
 * @param notificationsFile where invitations and reminders are written when no SMTP server is configured
 * @param mailFrom the sender of invitation mail
 */
@Validated
@ConfigurationProperties("stageflow.survey")
public record SurveyProperties(
        @DefaultValue("15s") Duration schedulerInterval,
        @DefaultValue("5m") Duration lockLease,
        @DefaultValue("5") @Min(5) int answerBatch,
        @DefaultValue("2d") Duration reminderBefore,
        @DefaultValue("1m") Duration closeGrace,

        @DefaultValue("http://localhost:8080/api/v1/responses/") @NotBlank
        String responseUrl,

        @DefaultValue(".stageflow/notifications/survey-invitations.jsonl") @NotBlank
        String notificationsFile,

        @DefaultValue("surveys@stageflow.local") @NotBlank String mailFrom) {}
