package io.stageflow.platform.store;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

/**
 * Indexes for guarded writes ({@code _id} plus the version the writer read) on the embedded store. The
 * embedded store (mongo-java-server) answers a query from an index only when the query names exactly that
 * index's fields, so {@code {_id, version}} would scan the whole collection on every save. MongoDB itself
 * finds such a document by {@code _id} and needs no extra index, so none is created there.
 */
public class GuardIndexes {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GuardIndexes.class);

    private final MongoTemplate mongo;
    private volatile Boolean embedded;

    public GuardIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Makes {@code {_id: …, <field>: …}} an indexed lookup in {@code collection} where the store needs it. */
    public void ensure(String collection, String field) {
        if (!isEmbeddedStore()) {
            return;
        }
        mongo.indexOps(collection)
                .createIndex(new Index()
                        .on("_id", Sort.Direction.ASC)
                        .on(field, Sort.Direction.ASC)
                        .unique()
                        .named("guard_id_" + field));
    }

    /** MongoDB's buildInfo names its git version; the embedded store's does not. */
    public boolean isEmbeddedStore() {
        if (embedded == null) {
            Document buildInfo = mongo.executeCommand(new Document("buildInfo", 1));
            embedded = !buildInfo.containsKey("gitVersion");
            if (embedded) {
                log.info("embedded MongoDB-compatible store detected: guarded writes get exact-match indexes");
            }
        }
        return embedded;
    }
}
