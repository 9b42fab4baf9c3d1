package io.stageflow.deal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class LeadConversionConsumerTests {

    @Test
    void onlyConversionsAndRecordsWithoutATypeReachTheConsumer() {
        assertThat(LeadConversionConsumer.concernsDeals(record("stageflow.lead.converted")))
                .isTrue();
        assertThat(LeadConversionConsumer.concernsDeals(record("stageflow.lead.created")))
                .isFalse();
        assertThat(LeadConversionConsumer.concernsDeals(record("stageflow.lead.qualified")))
                .isFalse();
        // unreadable without a type: the consumer must see it to dead-letter it
        assertThat(LeadConversionConsumer.concernsDeals(record(null))).isTrue();
    }

    private static ConsumerRecord<String, byte[]> record(String type) {
        var record = new ConsumerRecord<String, byte[]>("lead-events", 0, 0, "lead-1", new byte[0]);
        if (type != null) {
            record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
