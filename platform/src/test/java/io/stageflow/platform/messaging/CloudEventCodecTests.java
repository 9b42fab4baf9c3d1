package io.stageflow.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stageflow.events.CloudEventHeaders;
import io.stageflow.events.lead.LeadCreated;
import io.stageflow.events.lead.LeadEvent;
import io.stageflow.events.lead.Utm;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

class CloudEventCodecTests {

    private static final Instant NOW = Instant.parse("2026-03-02T09:15:30.123Z");
    private final CloudEventCodec codec = new CloudEventCodec(Clock.fixed(NOW, ZoneOffset.UTC));
    private final EventTypeRegistry<LeadEvent> leadEvents = EventTypeRegistry.of(LeadEvent.class);
    private final LeadCreated created =
            new LeadCreated("lead-1", "web", new Utm("newsletter", "email", "spring", null, null), "NEW", null, NOW);

    @Test
    void writesEveryCloudEventsAttributeAsBinaryModeHeaderKeyedByAggregate() {
        var entry = codec.toOutboxEntry("tenant-a", "lead-1", 3, created);

        ProducerRecord<String, byte[]> record = codec.toRecord(entry);

        assertThat(record.topic()).isEqualTo("lead-events");
        assertThat(record.key()).isEqualTo("lead-1");
        Map<String, String> headers = headersOf(record);
        assertThat(headers)
                .containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_type", "stageflow.lead.created")
                .containsEntry("ce_source", "/stageflow/lead-service")
                .containsEntry("ce_subject", "lead-1")
                .containsEntry("ce_tenantid", "tenant-a")
                .containsEntry("ce_sequence", "3")
                .containsEntry("ce_time", "2026-03-02T09:15:30.123Z")
                .containsEntry("content-type", "application/json");
        assertThat(headers.get("ce_id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void readsWhatItWroteBackIntoTheTypedRecord() {
        var entry = codec.toOutboxEntry("tenant-a", "lead-1", 1, created);

        IncomingEvent<LeadEvent> event = codec.read(asMessage(codec.toRecord(entry)), leadEvents);

        assertThat(event.data()).isEqualTo(created);
        assertThat(event.tenantId()).isEqualTo("tenant-a");
        assertThat(event.subject()).isEqualTo("lead-1");
        assertThat(event.sequence()).isEqualTo(1);
        assertThat(event.id()).isEqualTo(entry.eventId());
    }

    @Test
    void ignoresFieldsAddedByANewerProducerOfTheSameVersion() {
        var message = messageWith(
                Map.of(),
                "{\"leadId\":\"lead-1\",\"source\":\"web\",\"status\":\"NEW\",\"createdAt\":\"2026-03-02T09:15:30Z\",\"newField\":1}");

        assertThat(codec.read(message, leadEvents).data()).isInstanceOf(LeadCreated.class);
    }

    @Test
    void treatsUnknownTypesMissingAttributesAndUnreadableDataAsPoison() {
        assertThatThrownBy(() -> codec.read(
                        messageWith(Map.of(CloudEventHeaders.TYPE, "stageflow.lead.teleported"), "{}"), leadEvents))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("unknown event type");
        assertThatThrownBy(() ->
                        codec.read(messageWith(Map.of(CloudEventHeaders.TENANT_ID, ""), validBody()), leadEvents))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("ce_tenantid");
        assertThatThrownBy(() ->
                        codec.read(messageWith(Map.of(CloudEventHeaders.SEQUENCE, "zero"), validBody()), leadEvents))
                .isInstanceOf(PoisonEventException.class);
        assertThatThrownBy(() ->
                        codec.read(messageWith(Map.of(CloudEventHeaders.SEQUENCE, "0"), validBody()), leadEvents))
                .isInstanceOf(PoisonEventException.class);
        assertThatThrownBy(() -> codec.read(messageWith(Map.of(), "{not json"), leadEvents))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("unreadable data");
    }

    private static String validBody() {
        return "{\"leadId\":\"lead-1\",\"source\":\"web\",\"status\":\"NEW\",\"createdAt\":\"2026-03-02T09:15:30Z\"}";
    }

    /** A well-formed lead.created message, with some headers replaced. */
    private static Message<byte[]> messageWith(Map<String, String> overrides, String body) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(CloudEventHeaders.ID, "0190f3a2-7c1e-7b3a-9f2e-6a1d2c3b4e5f".getBytes(StandardCharsets.UTF_8));
        headers.put(CloudEventHeaders.SOURCE, "/stageflow/lead-service".getBytes(StandardCharsets.UTF_8));
        headers.put(CloudEventHeaders.TYPE, "stageflow.lead.created".getBytes(StandardCharsets.UTF_8));
        headers.put(CloudEventHeaders.TIME, "2026-03-02T09:15:30Z".getBytes(StandardCharsets.UTF_8));
        headers.put(CloudEventHeaders.SUBJECT, "lead-1".getBytes(StandardCharsets.UTF_8));
        headers.put(CloudEventHeaders.TENANT_ID, "tenant-a".getBytes(StandardCharsets.UTF_8));
        headers.put(CloudEventHeaders.SEQUENCE, "1".getBytes(StandardCharsets.UTF_8));
        overrides.forEach((name, value) -> headers.put(name, value.getBytes(StandardCharsets.UTF_8)));
        return MessageBuilder.withPayload(body.getBytes(StandardCharsets.UTF_8))
                .copyHeaders(headers)
                .build();
    }

    private static Message<byte[]> asMessage(ProducerRecord<String, byte[]> record) {
        var builder = MessageBuilder.withPayload(record.value());
        for (Header header : record.headers()) {
            builder.setHeader(header.key(), header.value());
        }
        return builder.build();
    }

    private static Map<String, String> headersOf(ProducerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        record.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        return headers;
    }
}
