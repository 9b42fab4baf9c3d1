package io.stageflow.platform.outbox;

import io.stageflow.platform.messaging.CloudEventCodec;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveCallback;
import org.springframework.data.mongodb.core.mapping.event.BeforeConvertCallback;

/** Stages an aggregate's recorded events into its document before the write, and wakes the relay after. */
class OutboxStagingCallback implements BeforeConvertCallback<AggregateRoot>, AfterSaveCallback<AggregateRoot>, Ordered {

    private final CloudEventCodec codec;
    // looked up lazily: the relay needs the MongoTemplate, whose converter needs this callback
    private final ObjectProvider<OutboxRelay> relay;
    private final ObjectProvider<AggregateSaveListener> listeners;

    OutboxStagingCallback(
            CloudEventCodec codec, ObjectProvider<OutboxRelay> relay, ObjectProvider<AggregateSaveListener> listeners) {
        this.codec = codec;
        this.relay = relay;
        this.listeners = listeners;
    }

    @Override
    public AggregateRoot onBeforeConvert(AggregateRoot aggregate, String collection) {
        aggregate.stageRecordedEvents(
                (root, sequence, event) -> codec.toOutboxEntry(root.tenantId(), root.aggregateId(), sequence, event));
        return aggregate;
    }

    @Override
    public AggregateRoot onAfterSave(AggregateRoot aggregate, Document document, String collection) {
        if (!aggregate.outbox().isEmpty()) {
            relay.ifAvailable(r -> r.wakeUp(collection, document.get("_id")));
        }
        listeners.forEach(listener -> listener.saved(aggregate));
        return aggregate;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
