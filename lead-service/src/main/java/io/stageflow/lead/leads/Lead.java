package io.stageflow.lead.leads;

import io.stageflow.events.lead.LeadCreated;
import io.stageflow.platform.messaging.EventIds;
import io.stageflow.platform.outbox.AggregateRoot;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/** A person who might buy: the start of every pipeline. One lead per normalised email and tenant. */
@Document("leads")
@CompoundIndex(name = "tenant_email", def = "{'tenantId': 1, 'email': 1}", unique = true)
public class Lead extends AggregateRoot {

    @Id
    private String id;

    private String tenantId;
    private String email;
    private String firstName;
    private String lastName;
    private String company;
    private String source;
    private LeadStatus status;
    private Instant createdAt;

    @Version
    private Long version;

    protected Lead() {}

    public static Lead capture(String tenantId, NewLead details, Clock clock) {
        var lead = new Lead();
        lead.id = EventIds.next(clock).toString();
        lead.tenantId = tenantId;
        lead.email = normaliseEmail(details.email());
        lead.firstName = details.firstName();
        lead.lastName = details.lastName();
        lead.company = details.company();
        lead.source = details.source();
        lead.status = LeadStatus.NEW;
        // MongoDB keeps milliseconds; so does the lead, so what we answer is what we store
        lead.createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        lead.record(new LeadCreated(lead.id, lead.source, null, lead.status.name(), null, lead.createdAt));
        return lead;
    }

    /** Emails differ only in case and surrounding blanks when people type them; the dedupe key ignores both. */
    public static String normaliseEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public String aggregateId() {
        return id;
    }

    @Override
    public String tenantId() {
        return tenantId;
    }

    public String id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String firstName() {
        return firstName;
    }

    public String lastName() {
        return lastName;
    }

    public String company() {
        return company;
    }

    public String source() {
        return source;
    }

    public LeadStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long version() {
        return version == null ? 0 : version;
    }
}
