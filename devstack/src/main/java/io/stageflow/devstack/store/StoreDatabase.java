package io.stageflow.devstack.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.List;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * One database of the store, laid out in H2 maps as mongo-java-server's H2 backend lays it out (so the same map
 * names), but with {@link DocumentType} for documents and {@link IndexKeyType} for index keys.
 */
final class StoreDatabase extends AbstractSynchronizedMongoDatabase<Object> {

    private final MVStore store;

    StoreDatabase(String databaseName, MVStore store, CursorRegistry cursors) {
        super(databaseName, cursors);
        this.store = store;
        initializeNamespacesAndIndexes();
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(
            String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        return new StoreUniqueIndex(indexEntries(collectionName, indexName), indexName, keys, sparse);
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(
            String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        return new StoreSecondaryIndex(indexEntries(collectionName, indexName), indexName, keys, sparse);
    }

    private MVMap<KeyValue, Object> indexEntries(String collectionName, String indexName) {
        return store.openMap(
                StoreLayout.indexMap(getFullCollectionNamespace(collectionName), indexName), StoreLayout.indexMap());
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        String namespace = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> documents =
                store.openMap(StoreLayout.documentMap(namespace), StoreLayout.documentMap());
        MVMap<String, Object> meta = store.openMap(StoreLayout.metaMap(namespace));
        return new StoreCollection(this, collectionName, options, documents, meta, cursorRegistry);
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        store.removeMap(StoreLayout.indexMap(collection.getFullName(), indexName));
    }

    @Override
    public void dropCollection(String collectionName, Oplog oplog) {
        super.dropCollection(collectionName, oplog);
        String namespace = getFullCollectionNamespace(collectionName);
        store.removeMap(StoreLayout.documentMap(namespace));
        store.removeMap(StoreLayout.metaMap(namespace));
    }

    @Override
    public void drop(Oplog oplog) {
        super.drop(oplog);
        store.getMapNames().stream()
                .filter(name -> StoreLayout.belongsTo(name, databaseName))
                .toList()
                .forEach(store::removeMap);
    }

    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        super.moveCollection(oldDatabase, collection, newCollectionName);
        String oldNamespace = collection.getFullName();
        String newNamespace = getFullCollectionNamespace(newCollectionName);
        store.renameMap(
                store.openMap(StoreLayout.documentMap(oldNamespace), StoreLayout.documentMap()),
                StoreLayout.documentMap(newNamespace));
        store.renameMap(store.openMap(StoreLayout.metaMap(oldNamespace)), StoreLayout.metaMap(newNamespace));
    }

    @Override
    protected long getStorageSize() {
        FileStore<?> file = store.getFileStore();
        return file == null ? 0 : file.size();
    }

    @Override
    protected long getFileSize() {
        return getStorageSize();
    }
}
