package io.stageflow.survey.notifications;

import io.stageflow.survey.SurveyProperties;
import java.nio.file.Path;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** SMTP when {@code spring.mail.host} is set (Spring Boot then provides a mail sender); otherwise the file. */
@Configuration(proxyBeanMethods = false)
class NotificationConfiguration {

    @Bean
    @ConditionalOnProperty("spring.mail.host")
    Notifications smtpNotifications(JavaMailSender mail, SurveyProperties properties) {
        return new SmtpNotifications(mail, properties.mailFrom());
    }

    @Bean
    @ConditionalOnMissingBean(Notifications.class)
    Notifications fileNotifications(SurveyProperties properties) {
        return new FileNotifications(Path.of(properties.notificationsFile()));
    }
}
