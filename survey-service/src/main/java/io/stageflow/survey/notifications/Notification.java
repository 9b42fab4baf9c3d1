package io.stageflow.survey.notifications;

/** A message to one person: an invitation to a survey run or the reminder before it closes. */
public record Notification(Kind kind, String tenantId, String to, String subject, String body, String link) {

    public enum Kind {
        INVITATION,
        REMINDER
    }
}
