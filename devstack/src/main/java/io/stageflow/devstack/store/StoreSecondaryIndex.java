package io.stageflow.devstack.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * A non-unique index (mongo-java-server keeps none: it accepts their definitions and scans). Each entry is the
 * document's key values followed by its position ({@code _id}), so equal keys of different documents are different
 * entries and the entries of one key lie next to each other. It answers the queries that name a leading part of its
 * fields with plain values ({@code tenantId}, or {@code tenantId} and {@code pipelineId}), also as conditions of a
 * top-level {@code $and}; whatever else the query asks is checked on each document it yields, as for a scan.
 *
 * <p>The library would pick any index whose {@code canHandle} says yes before looking for a better one, so this one
 * says no there: {@link StoreCollection} consults it itself, after the unique indexes.
 */
final class StoreSecondaryIndex extends Index<Object> {

    private static final String ID = "_id";

    private final MVMap<KeyValue, Object> entries;

    StoreSecondaryIndex(MVMap<KeyValue, Object> entries, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.entries = entries;
    }

    /**
     * How many of the index's leading fields the query names with a plain value (text, boolean, object id), at its
     * top level or in a top-level {@code $and}: the part of the index that can narrow the query down. 0 when it
     * cannot help.
     */
    int equalityPrefix(Document query) {
        return prefixValues(query).size();
    }

    /** The plain values the query requires of the index's leading fields, as far as it names them. */
    private List<Object> prefixValues(Document query) {
        List<Object> values = new ArrayList<>();
        for (String key : keys()) {
            Object value = plainValue(query, key);
            if (value == null) {
                break;
            }
            values.add(value);
        }
        return values;
    }

    /** The plain value the query requires of the field, or null; any one serves, since every match is checked. */
    private static Object plainValue(Document query, String key) {
        Object value = query.get(key);
        if (plain(value)) {
            return value;
        }
        if (query.get("$and") instanceof Collection<?> conditions) {
            for (Object condition : conditions) {
                Object required = condition instanceof Document document ? plainValue(document, key) : null;
                if (required != null) {
                    return required;
                }
            }
        }
        return null;
    }

    /**
     * The positions of the documents whose leading {@link #equalityPrefix} fields hold the queried values, read
     * lazily from the index as it was when asked. A document with an array in a later field has an entry per
     * element, so then each position is given once.
     */
    Stream<Object> positions(Document query) {
        List<Object> values = prefixValues(query);
        KeyValue prefix = new KeyValue(values).normalized();
        Cursor<KeyValue, Object> cursor = entries.cursor(prefix);
        Iterator<Object> matching = new Iterator<>() {
            private KeyValue next = advance();

            private KeyValue advance() {
                if (!cursor.hasNext()) {
                    return null;
                }
                KeyValue entry = cursor.next();
                return IndexKeyType.INSTANCE.startsWith(entry, prefix) ? entry : null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Object next() {
                KeyValue entry = next;
                next = advance();
                return entry.get(entry.size() - 1);
            }
        };
        Stream<Object> positions = StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(matching, Spliterator.ORDERED | Spliterator.NONNULL), false);
        return values.size() < keys().size() ? positions.distinct() : positions;
    }

    private static boolean plain(Object value) {
        return value instanceof String || value instanceof Boolean || value instanceof ObjectId;
    }

    private List<KeyValue> entriesOf(Document document, Object position) {
        List<KeyValue> result = new ArrayList<>();
        Set<KeyValue> keyValues = getKeyValues(document);
        if (keyValues.isEmpty()) {
            // an empty array leaves the library with no key at all; the document must still be found by the others
            List<Object> values = new ArrayList<>();
            for (String key : keys()) {
                Object value = Utils.getSubdocumentValueCollectionAware(document, key);
                values.add(value instanceof Collection<?> empty && empty.isEmpty() ? null : value);
            }
            keyValues = Set.of(new KeyValue(values));
        }
        for (KeyValue key : keyValues) {
            List<Object> values = new ArrayList<>(key.size() + 1);
            key.normalized().forEach(values::add);
            values.add(position);
            result.add(new KeyValue(values));
        }
        return result;
    }

    @Override
    public boolean canHandle(Document query) {
        return false;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        return positions(query)::iterator;
    }

    @Override
    public Object getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {}

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        entriesOf(document, position).forEach(entry -> entries.put(entry, Boolean.TRUE));
    }

    @Override
    public Object remove(Document document) {
        Object position = document.get(ID);
        entriesOf(document, position).forEach(entries::remove);
        return position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {}

    @Override
    public void updateInPlace(
            Document oldDocument, Document newDocument, Object position, MongoCollection<Object> collection) {
        if (sameIndexedValues(oldDocument, newDocument)) {
            // most updates (a projection's next sequence, a relay clearing an outbox) leave the indexed fields alone
            return;
        }
        List<KeyValue> before = entriesOf(oldDocument, position);
        List<KeyValue> after = entriesOf(newDocument, position);
        if (!before.equals(after)) {
            before.forEach(entries::remove);
            after.forEach(entry -> entries.put(entry, Boolean.TRUE));
        }
    }

    private boolean sameIndexedValues(Document oldDocument, Document newDocument) {
        for (String key : keys()) {
            if (!Objects.equals(
                    Utils.getSubdocumentValueCollectionAware(oldDocument, key),
                    Utils.getSubdocumentValueCollectionAware(newDocument, key))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public void drop() {
        entries.clear();
    }
}
