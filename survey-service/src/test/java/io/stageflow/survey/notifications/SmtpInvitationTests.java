package io.stageflow.survey.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.stageflow.testsupport.ApiClient;
import io.stageflow.testsupport.StageflowIntegrationTest;
import io.stageflow.testsupport.TestTokens;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** With {@code spring.mail.host} set, invitations go out by SMTP, here to a real SMTP server in the test. */
@StageflowIntegrationTest
@TestPropertySource(properties = "stageflow.survey.scheduler-enabled=false")
class SmtpInvitationTests {

    static final GreenMail SMTP = startSmtp();

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    Notifications notifications;

    @Test
    void invitationsAreMailedWithTheirLinkWhenAnSmtpServerIsConfigured() throws Exception {
        assertThat(notifications).isInstanceOf(SmtpNotifications.class);
        var api = new ApiClient("http://localhost:" + port);
        String hr = TestTokens.bearer("tenant-" + UUID.randomUUID(), "hilde", "HR");
        String email = "ines-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        api.post("/api/v1/employees", hr, "[{\"email\":\"" + email + "\",\"name\":\"Ines\"}]");
        String surveyId = api.post(
                        "/api/v1/surveys",
                        hr,
                        "{\"title\":\"Pulse\",\"kind\":\"PULSE\",\"cadence\":\"ONCE\",\"startsOn\":\"2099-01-01\","
                                + "\"audience\":{\"all\":true},\"questions\":[{\"bankKey\":\"workload\"}]}")
                .body()
                .get("id")
                .asString();

        assertThat(api.send("/api/v1/surveys/" + surveyId + "/runs", hr, "POST", null, (String) null, Map.of())
                        .status())
                .isEqualTo(201);

        MimeMessage[] received = SMTP.getReceivedMessagesForDomain("example.com");
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo(email);
        assertThat(received[0].getSubject()).isEqualTo("Survey: Pulse");
        String link = GreenMailUtil.getBody(received[0])
                .lines()
                .filter(line -> line.contains("/api/v1/responses/"))
                .findFirst()
                .orElseThrow();
        String token = link.substring(link.lastIndexOf('/') + 1).strip();
        assertThat(api.get("/api/v1/responses/" + token, null)
                        .body()
                        .get("title")
                        .asString())
                .isEqualTo("Pulse");
    }

    private static GreenMail startSmtp() {
        var smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return smtp;
    }
}
