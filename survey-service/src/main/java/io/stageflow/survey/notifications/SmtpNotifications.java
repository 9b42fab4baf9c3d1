package io.stageflow.survey.notifications;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** Sends notifications as plain-text mail through the configured SMTP server ({@code spring.mail.*}). */
public class SmtpNotifications implements Notifications {

    private final JavaMailSender mail;
    private final String from;

    public SmtpNotifications(JavaMailSender mail, String from) {
        this.mail = mail;
        this.from = from;
    }

    @Override
    public void send(Notification notification) {
        var message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(notification.to());
        message.setSubject(notification.subject());
        message.setText(notification.body() + "\n\n" + notification.link() + "\n");
        mail.send(message);
    }
}
