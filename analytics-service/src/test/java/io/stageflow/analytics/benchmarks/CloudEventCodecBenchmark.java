package io.stageflow.analytics.benchmarks;

import io.stageflow.events.lead.LeadCreated;
import io.stageflow.events.lead.LeadEvent;
import io.stageflow.events.lead.Utm;
import io.stageflow.platform.messaging.CloudEventCodec;
import io.stageflow.platform.messaging.EventTypeRegistry;
import io.stageflow.platform.messaging.IncomingEvent;
import io.stageflow.platform.outbox.OutboxEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * JMH: event serialisation on both ends of Kafka. {@code write}: a lead event into its outbox entry and then into
 * a CloudEvents record (what a service does per state change and its relay per publication); {@code read}: a
 * consumed record back into a typed event (what every consumer does per record). Run with
 * {@code ./stageflow bench jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CloudEventCodecBenchmark {

    private static final EventTypeRegistry<LeadEvent> LEAD_EVENTS = EventTypeRegistry.of(LeadEvent.class);

    private final CloudEventCodec codec = new CloudEventCodec(Clock.systemUTC());
    private final LeadCreated created = new LeadCreated(
            "lead-1",
            "web",
            new Utm("ads", "cpc", "spring", null, null),
            "NEW",
            "owner-1",
            Instant.parse("2026-06-01T08:00:00Z"));
    private Message<byte[]> consumed;

    @Setup
    public void record() {
        ProducerRecord<String, byte[]> record = codec.toRecord(codec.toOutboxEntry("tenant-a", "lead-1", 1, created));
        Map<String, Object> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value());
        }
        consumed =
                MessageBuilder.withPayload(record.value()).copyHeaders(headers).build();
    }

    @Benchmark
    public ProducerRecord<String, byte[]> write() {
        OutboxEntry entry = codec.toOutboxEntry("tenant-a", "lead-1", 1, created);
        return codec.toRecord(entry);
    }

    @Benchmark
    public IncomingEvent<LeadEvent> read() {
        return codec.read(consumed, LEAD_EVENTS);
    }
}
