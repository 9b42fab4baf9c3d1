package io.stageflow.platform.outbox;

import com.mongodb.client.result.UpdateResult;
import io.stageflow.platform.messaging.CloudEventCodec;
import java.util.List;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Saves a changed aggregate without rewriting its outbox: state fields are set, new events are appended
 * with {@code $push}, guarded by the version. A plain full-document save would write back outbox entries
 * the relay had published and removed since the aggregate was loaded, and they would go out again.
 * New aggregates are inserted as usual.
 */
public class AggregateStore {

    private final MongoTemplate mongo;
    private final CloudEventCodec codec;
    private final ObjectProvider<OutboxRelay> relay;
    private final ObjectProvider<AggregateSaveListener> listeners;

    public AggregateStore(
            MongoTemplate mongo,
            CloudEventCodec codec,
            ObjectProvider<OutboxRelay> relay,
            ObjectProvider<AggregateSaveListener> listeners) {
        this.mongo = mongo;
        this.codec = codec;
        this.relay = relay;
        this.listeners = listeners;
    }

    public <A extends AggregateRoot> A save(A aggregate) {
        @SuppressWarnings("unchecked")
        MongoPersistentEntity<A> entity = (MongoPersistentEntity<A>)
                mongo.getConverter().getMappingContext().getRequiredPersistentEntity(aggregate.getClass());
        MongoPersistentProperty versionProperty = entity.getRequiredVersionProperty();
        PersistentPropertyAccessor<A> accessor = entity.getPropertyAccessor(aggregate);
        Number version = (Number) accessor.getProperty(versionProperty);
        if (version == null) {
            return mongo.insert(aggregate); // OutboxStagingCallback tells the listeners
        }
        List<OutboxEntry> appended = aggregate.stageRecordedEvents(
                (root, sequence, event) -> codec.toOutboxEntry(root.tenantId(), root.aggregateId(), sequence, event));
        accessor.setProperty(versionProperty, version.longValue() + 1);

        Document state = new Document();
        mongo.getConverter().write(aggregate, state);
        Update update = new Update();
        for (MongoPersistentProperty property : entity) {
            String field = property.getFieldName();
            if (property.isIdProperty() || field.equals("outbox") || field.equals(AggregateRoot.PENDING_FIELD)) {
                continue;
            }
            if (state.containsKey(field)) {
                update.set(field, state.get(field));
            } else {
                update.unset(field); // a field set to null (erasure) must leave the stored document too
            }
        }
        if (!appended.isEmpty()) {
            update.push("outbox").each(appended.stream().map(this::toDocument).toArray());
            update.set(AggregateRoot.PENDING_FIELD, true);
        }
        Object id = entity.getIdentifierAccessor(aggregate).getRequiredIdentifier();
        UpdateResult result = mongo.updateFirst(
                Query.query(Criteria.where("_id")
                        .is(id)
                        .and(versionProperty.getFieldName())
                        .is(version)),
                update,
                entity.getCollection());
        if (result.getMatchedCount() == 0) {
            accessor.setProperty(versionProperty, version);
            throw new OptimisticLockingFailureException(entity.getType().getSimpleName() + " " + id
                    + " was changed meanwhile (expected version " + version + ")");
        }
        if (!appended.isEmpty()) {
            relay.ifAvailable(r -> r.wakeUp(entity.getCollection(), id));
        }
        listeners.forEach(listener -> listener.saved(aggregate));
        return aggregate;
    }

    private Document toDocument(OutboxEntry entry) {
        Document document = new Document();
        mongo.getConverter().write(entry, document);
        return document;
    }
}
