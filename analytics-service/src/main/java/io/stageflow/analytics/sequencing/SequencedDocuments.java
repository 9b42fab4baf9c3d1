package io.stageflow.analytics.sequencing;

import io.stageflow.platform.store.GuardIndexes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.ReplaceOptions;
import org.springframework.data.mongodb.core.index.IndexResolver;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The writes a {@link SequencedProjection} makes to the document that holds an aggregate's state and its
 * {@code sequence} field: the first event inserts it, every later one changes it only where it still holds
 * the previous sequence. A write that finds another writer came first throws
 * {@link ConcurrentProjectionUpdateException}, so the record is retried and then skipped as a duplicate.
 */
@Component
public class SequencedDocuments {

    private static final Logger log = LoggerFactory.getLogger(SequencedDocuments.class);

    private final MongoTemplate mongo;
    private final GuardIndexes guardIndexes;

    public SequencedDocuments(MongoTemplate mongo, GuardIndexes guardIndexes) {
        this.mongo = mongo;
        this.guardIndexes = guardIndexes;
    }

    /** The collection holding {@code documentType}'s documents in {@code generation}. */
    public String collection(Class<?> documentType, Generation generation) {
        return generation.collection(mongo.getCollectionName(documentType));
    }

    /** Makes the guarded writes to a document type an indexed lookup where the store needs it (ADR 0007). */
    public void ensureGuardIndex(Class<?> documentType) {
        ensureGuardIndex(documentType, Generation.INITIAL);
    }

    /**
     * Gives a new generation's collection the indexes its document type declares and the guard index. Generation 0
     * gets the declared ones from Spring Data at start-up; a rebuilt one exists only from the rebuild on.
     */
    public void prepare(Class<?> documentType, Generation generation) {
        if (!generation.equals(Generation.INITIAL)) {
            var indexes = mongo.indexOps(collection(documentType, generation));
            IndexResolver.create(mongo.getConverter().getMappingContext())
                    .resolveIndexFor(documentType)
                    .forEach(indexes::createIndex);
        }
        ensureGuardIndex(documentType, generation);
    }

    private void ensureGuardIndex(Class<?> documentType, Generation generation) {
        try {
            guardIndexes.ensure(collection(documentType, generation), "sequence");
        } catch (RuntimeException e) {
            // the store may be away at start-up; updates stay correct without the index, only slower
            log.warn("could not create the guard index of {}: {}", documentType.getSimpleName(), e.toString());
        }
    }

    /** Stores the document of an aggregate's first event; it must carry {@code sequence} 1. */
    public void insert(String projection, String id, Object document, Generation generation) {
        try {
            mongo.insert(document, collection(document.getClass(), generation));
        } catch (DuplicateKeyException e) {
            throw new ConcurrentProjectionUpdateException(projection, id, 0);
        }
    }

    /** Replaces the whole state with {@code document}, which carries {@code sequence}; inserts it at sequence 1. */
    public void replace(String projection, String id, long sequence, Object document, Generation generation) {
        if (sequence == 1) {
            insert(projection, id, document, generation);
            return;
        }
        if (mongo.replace(
                                guard(id, sequence),
                                document,
                                ReplaceOptions.none(),
                                collection(document.getClass(), generation))
                        .getMatchedCount()
                == 0) {
            throw new ConcurrentProjectionUpdateException(projection, id, sequence - 1);
        }
    }

    /** Applies {@code update} and moves the document to {@code sequence}. */
    public void update(
            String projection, Class<?> documentType, String id, long sequence, Update update, Generation generation) {
        var result = mongo.updateFirst(
                guard(id, sequence),
                update.set("sequence", sequence),
                documentType,
                collection(documentType, generation));
        if (result.getMatchedCount() == 0) {
            throw new ConcurrentProjectionUpdateException(projection, id, sequence - 1);
        }
    }

    private static Query guard(String id, long sequence) {
        return Query.query(Criteria.where("_id").is(id).and("sequence").is(sequence - 1));
    }
}
