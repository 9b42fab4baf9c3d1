package io.stageflow.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.stageflow.events.lead.LeadErased;
import io.stageflow.events.lead.LeadUpdated;
import io.stageflow.platform.messaging.CloudEventCodec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class OutboxStagingCallbackTests {

    static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    static class SampleAggregate extends AggregateRoot {
        @Override
        public String aggregateId() {
            return "lead-9";
        }

        @Override
        public String tenantId() {
            return "tenant-a";
        }

        void change(Object event) {
            record(event);
        }
    }

    private final OutboxStagingCallback callback = new OutboxStagingCallback(
            new CloudEventCodec(Clock.fixed(NOW, ZoneOffset.UTC)),
            new StaticListableBeanFactory().getBeanProvider(OutboxRelay.class),
            new StaticListableBeanFactory().getBeanProvider(AggregateSaveListener.class));

    @Test
    void numbersEventsWithoutGapsAcrossSavesAndKeepsThemUntilPublished() {
        var aggregate = new SampleAggregate();
        aggregate.change(new LeadUpdated("lead-9", List.of("company"), null, null, NOW));
        aggregate.change(new LeadUpdated("lead-9", List.of("phone"), null, null, NOW));
        callback.onBeforeConvert(aggregate, "leads");

        aggregate.change(new LeadErased("lead-9", NOW));
        callback.onBeforeConvert(aggregate, "leads");

        assertThat(aggregate.sequence()).isEqualTo(3);
        assertThat(aggregate.outbox())
                .extracting(OutboxEntry::sequence, OutboxEntry::type, OutboxEntry::subject, OutboxEntry::tenantId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, "stageflow.lead.updated", "lead-9", "tenant-a"),
                        org.assertj.core.groups.Tuple.tuple(2L, "stageflow.lead.updated", "lead-9", "tenant-a"),
                        org.assertj.core.groups.Tuple.tuple(3L, "stageflow.lead.erased", "lead-9", "tenant-a"));
    }

    @Test
    void savingWithoutNewEventsStagesNothing() {
        var aggregate = new SampleAggregate();

        callback.onBeforeConvert(aggregate, "leads");

        assertThat(aggregate.sequence()).isZero();
        assertThat(aggregate.outbox()).isEmpty();
    }
}
