package io.stageflow.devstack.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.QueryMatcher;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mongo-java-server's H2 collection with three changes.
 *
 * <p>A query that no unique index answers is narrowed by the {@link StoreSecondaryIndex} that covers most of it,
 * where one does, rather than scanning the collection.
 *
 * <p>Clients' queries read outside the collection's lock, which the library holds for every operation: H2's maps
 * are safe to read while written, and a long scan no longer holds up the collection's writes. Writes still take
 * the lock, one at a time, as before. A reader sees each document either before or after a concurrent write,
 * never half-written, and checks it against the query as it finds it.
 *
 * <p>A client's query without a sort or a projection streams its matches to the client batch by batch. The library
 * collects every match into a list first and, when the client names no batch size, sends them all in one reply: a
 * query over a million documents filled the store's heap, and H2, failing to write in the middle of it, closed the
 * store for good. The store's own readers (aggregations, counts, lookups) read a query's result whole, never
 * through a cursor, so they get every match as a stream of their own.
 */
final class StoreCollection extends H2Collection {

    /** The first batch when the client names none, as MongoDB's default. */
    private static final int FIRST_BATCH = 101;

    /** Later batches when the client names none: MongoDB caps them at 16 MB, this at a count. */
    private static final int LATER_BATCH = 4_096;

    private static final Logger log = LoggerFactory.getLogger(StoreCollection.class);

    /**
     * A query answered whole that reads for this long is logged, with the index it used or the scan it did; a
     * streamed one reads batch by batch as the client asks and has no single duration to log.
     */
    private static final long SLOW_QUERY_MILLIS = 500;

    private static final ThreadLocal<QueryMatcher> MATCHERS = ThreadLocal.withInitial(DefaultQueryMatcher::new);

    StoreCollection(
            MongoDatabase database,
            String collectionName,
            CollectionOptions options,
            MVMap<Object, Document> documents,
            MVMap<String, Object> meta,
            CursorRegistry cursors) {
        super(database, collectionName, options, documents, meta, cursors);
    }

    /**
     * A copy of its own goes into the map: H2 encodes the map's values on its commit thread while the request that
     * wrote them may still hold and change the same object, and a document changed while it was being encoded failed
     * the commit with a {@link java.util.ConcurrentModificationException}, which closes the store for good.
     */
    @Override
    protected Object addDocumentInternal(Document document) {
        return super.addDocumentInternal(document.cloneDeeply());
    }

    /** The same for a changed document. */
    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        super.handleUpdate(position, oldDocument, newDocument.cloneDeeply());
    }

    /**
     * Not under the collection's lock, unlike the library's: H2's maps can be read while they are written, and a
     * scan holding the lock (a relay's sweep for unpublished events, 0.5 s over 100,000 leads) held up every write
     * to the collection for as long.
     */
    @Override
    public QueryResult handleQuery(QueryParameters parameters) {
        Selector selector = Selector.of(parameters.getQuerySelector());
        Document query = selector.query();
        Document orderBy = selector.orderBy();
        Document projection = parameters.getProjection();
        boolean projected = projection != null && !projection.isEmpty();
        boolean unique = uniqueIndexAnswers(query);
        if (orderBy != null || projected || unique) {
            return select(
                    unique,
                    query,
                    orderBy,
                    parameters.getNumberToSkip(),
                    parameters.getLimit(),
                    parameters.getBatchSize(),
                    projection);
        }
        Stream<Document> matches = matches(query);
        if (parameters.getNumberToSkip() > 0) {
            matches = matches.skip(parameters.getNumberToSkip());
        }
        if (parameters.getLimit() > 0) {
            matches = matches.limit(parameters.getLimit());
        }
        Iterator<Document> remaining = matches.iterator();
        List<Document> firstBatch =
                take(remaining, parameters.getBatchSize() > 0 ? parameters.getBatchSize() : FIRST_BATCH);
        if (!remaining.hasNext()) {
            return new QueryResult(firstBatch);
        }
        var cursor = new StreamingCursor(cursorRegistry.generateCursorId(), remaining);
        cursorRegistry.add(cursor);
        return new QueryResult(firstBatch, cursor);
    }

    /**
     * With a matcher of the calling thread's: the library's shared one remembers the array position a positional
     * update matched, and readers outside the lock must not overwrite that. A document removed since its position
     * was read does not match.
     */
    @Override
    protected boolean documentMatchesQuery(Document document, Document query) {
        return document != null && MATCHERS.get().matches(document, query);
    }

    /** Every match of a query no unique index answers, read lazily: from the best secondary index, else a scan. */
    private Stream<Document> matches(Document query) {
        Stream<Document> candidates = secondaryIndexFor(query)
                .map(index -> index.positions(query).map(this::getDocument))
                .orElseGet(this::queryAllAsStream);
        return candidates.filter(document -> documentMatchesQuery(document, query));
    }

    @Override
    public Stream<Document> queryAllAsStream() {
        return streamAllDocumentsWithPosition().map(DocumentWithPosition::getDocument);
    }

    @Override
    public Iterable<Document> queryAll() {
        return () -> queryAllAsStream().iterator();
    }

    @Override
    public Stream<Document> handleQueryAsStream(Document query) {
        Selector selector = Selector.of(query);
        boolean unique = uniqueIndexAnswers(selector.query());
        if (selector.orderBy() != null || unique) {
            return select(unique, selector.query(), selector.orderBy(), 0, 0, 0, null).collectDocuments().stream();
        }
        return matches(selector.query());
    }

    /** What the store's own readers call; findAndModify wraps its query and sort as {@code query} and {@code orderby}. */
    @Override
    public QueryResult handleQuery(Document query, int skip, int limit) {
        Selector selector = Selector.of(query);
        return queryDocuments(selector.query(), selector.orderBy(), skip, limit, 0, null);
    }

    /** A query as the wire and the library pass it: bare, or wrapped with its sort as query/orderby or $query/$orderby. */
    private record Selector(Document query, Document orderBy) {

        static Selector of(Document selector) {
            if (selector.containsKey("query")) {
                return new Selector((Document) selector.get("query"), sort(selector.get("orderby")));
            }
            if (selector.containsKey("$query")) {
                return new Selector((Document) selector.get("$query"), sort(selector.get("$orderby")));
            }
            return new Selector(selector, null);
        }

        private static Document sort(Object orderBy) {
            return orderBy instanceof Document sort && !sort.isEmpty() ? sort : null;
        }
    }

    /** Also what updates, deletes and counts select by (those under the lock). */
    @Override
    protected QueryResult queryDocuments(
            Document query, Document orderBy, int skip, int limit, int batchSize, Document fieldSelector) {
        return select(uniqueIndexAnswers(query), query, orderBy, skip, limit, batchSize, fieldSelector);
    }

    /** {@link #queryDocuments} for a caller that already asked whether a unique index answers the query. */
    private QueryResult select(
            boolean unique,
            Document query,
            Document orderBy,
            int skip,
            int limit,
            int batchSize,
            Document fieldSelector) {
        if (unique) {
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
        }
        Optional<StoreSecondaryIndex> index = secondaryIndexFor(query);
        long began = System.nanoTime();
        QueryResult result = index.map(secondary -> matchDocuments(
                        query, secondary.getPositions(query), orderBy, skip, limit, batchSize, fieldSelector))
                .orElseGet(() -> super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector));
        long tookMillis = (System.nanoTime() - began) / 1_000_000;
        if (tookMillis >= SLOW_QUERY_MILLIS) {
            // the query's shape only: its values can be personal data (an email looked up)
            log.warn(
                    "slow query on {}: {} ms for {} sorted by {}, {}",
                    getCollectionName(),
                    tookMillis,
                    QueryShape.of(query),
                    orderBy == null ? "nothing" : orderBy.keySet(),
                    index.map(secondary -> "narrowed by index " + secondary.getName())
                            .orElse("no index: every document read"));
        }
        return result;
    }

    private boolean uniqueIndexAnswers(Document query) {
        return getIndexes().stream().anyMatch(index -> index.canHandle(query));
    }

    /** The secondary index that narrows the query down most, if any does (ask only when no unique index answers). */
    private Optional<StoreSecondaryIndex> secondaryIndexFor(Document query) {
        StoreSecondaryIndex best = null;
        int bestPrefix = 0;
        for (var index : getIndexes()) {
            if (index instanceof StoreSecondaryIndex secondary) {
                int prefix = secondary.equalityPrefix(query);
                if (prefix > bestPrefix) {
                    best = secondary;
                    bestPrefix = prefix;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static List<Document> take(Iterator<Document> documents, int count) {
        List<Document> batch = new ArrayList<>(Math.min(count, LATER_BATCH));
        while (batch.size() < count && documents.hasNext()) {
            batch.add(documents.next());
        }
        return batch;
    }

    private static final class StreamingCursor extends AbstractCursor {

        private final Iterator<Document> remaining;

        StreamingCursor(long id, Iterator<Document> remaining) {
            super(id);
            this.remaining = remaining;
        }

        @Override
        public boolean isEmpty() {
            return !remaining.hasNext();
        }

        @Override
        public List<Document> takeDocuments(int numberToReturn) {
            return take(remaining, numberToReturn > 0 ? numberToReturn : LATER_BATCH);
        }
    }
}
