package io.stageflow.devstack.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;

/**
 * mongo-java-server's H2 collection, but a query that scans the collection without a sort or a projection streams
 * its matches to the client batch by batch. The library collects every match into a list first and, when the
 * client names no batch size, sends them all in one reply: a query over a million documents filled the store's
 * heap, and H2, failing to write in the middle of it, closed the store for good. Scanning H2's map reads one
 * version of it, so the cursor sees the collection as it was when the query began, as the list did.
 */
final class StoreCollection extends H2Collection {

    /** The first batch when the client names none, as MongoDB's default. */
    private static final int FIRST_BATCH = 101;

    /** Later batches when the client names none: MongoDB caps them at 16 MB, this at a count. */
    private static final int LATER_BATCH = 4_096;

    StoreCollection(
            MongoDatabase database,
            String collectionName,
            CollectionOptions options,
            MVMap<Object, Document> documents,
            MVMap<String, Object> meta,
            CursorRegistry cursors) {
        super(database, collectionName, options, documents, meta, cursors);
    }

    @Override
    public synchronized QueryResult handleQuery(QueryParameters parameters) {
        Document selector = parameters.getQuerySelector();
        Document query = selector.containsKey("$query") ? (Document) selector.get("$query") : selector;
        if (!streamable(selector, query, parameters)) {
            return super.handleQuery(parameters);
        }
        Stream<Document> matches = streamAllDocumentsWithPosition()
                .map(DocumentWithPosition::getDocument)
                .filter(document -> documentMatchesQuery(document, query));
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

    /** A plain scan: no index can answer it (they do for their own fields), nothing to sort, the documents whole. */
    private boolean streamable(Document selector, Document query, QueryParameters parameters) {
        boolean plain = selector.containsKey("$query") || !(selector.containsKey("query"));
        Object orderBy = selector.get("$orderby");
        boolean sorted = orderBy instanceof Document sort && !sort.isEmpty();
        boolean projected = parameters.getProjection() != null
                && !parameters.getProjection().isEmpty();
        return plain && !sorted && !projected && getIndexes().stream().noneMatch(index -> index.canHandle(query));
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
