package io.stageflow.survey.notifications;

/** Where invitations and reminders go: SMTP when a mail server is configured, a file in the local stack. */
public interface Notifications {

    void send(Notification notification);
}
