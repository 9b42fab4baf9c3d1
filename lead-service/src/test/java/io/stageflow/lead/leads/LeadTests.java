package io.stageflow.lead.leads;

import static org.assertj.core.api.Assertions.assertThat;

import io.stageflow.events.lead.LeadCreated;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LeadTests {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T09:15:30.123456Z"), ZoneOffset.UTC);

    @Test
    void capturedLeadIsNewWithANormalisedEmailAndATimeOfMillisecondPrecision() {
        Lead lead = Lead.capture("tenant-a", new NewLead("  Ada@Example.COM ", "Ada", null, "Engines", "web"), CLOCK);

        assertThat(lead.email()).isEqualTo("ada@example.com");
        assertThat(lead.status()).isEqualTo(LeadStatus.NEW);
        assertThat(lead.createdAt()).isEqualTo(Instant.parse("2026-03-02T09:15:30.123Z"));
        assertThat(lead.id()).isNotBlank();
    }

    @Test
    void capturingRecordsLeadCreatedWithoutContactDetails() {
        Lead lead =
                Lead.capture("tenant-a", new NewLead("ada@example.com", "Ada", "Lovelace", "Engines", "web"), CLOCK);

        assertThat(lead.recordedEvents())
                .containsExactly(new LeadCreated(lead.id(), "web", null, "NEW", null, lead.createdAt()));
    }
}
