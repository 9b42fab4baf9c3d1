package io.stageflow.devstack.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/**
 * The names of the store's H2 maps (those of mongo-java-server's H2 backend) and the types each kind of map is
 * opened with. Positions (document ids) and collection metadata keep H2's default type, which handles text and
 * numbers natively.
 */
final class StoreLayout {

    private static final String DOCUMENTS = "databases.";
    private static final String META = "meta.";
    private static final String INDEX = "._index_";

    private StoreLayout() {}

    static String documentMap(String namespace) {
        return DOCUMENTS + namespace;
    }

    static String metaMap(String namespace) {
        return META + namespace;
    }

    static String indexMap(String namespace, String indexName) {
        return namespace + INDEX + indexName;
    }

    static MVMap.Builder<Object, Document> documentMap() {
        return new MVMap.Builder<Object, Document>().valueType(DocumentType.INSTANCE);
    }

    static MVMap.Builder<KeyValue, Object> indexMap() {
        return new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE);
    }

    /** The builder a map of this name is opened with, so that copying a store can open each map right. */
    static MVMap.Builder<Object, Object> builderFor(String mapName) {
        var builder = new MVMap.Builder<Object, Object>();
        if (mapName.startsWith(DOCUMENTS)) {
            builder.valueType(asObjects(DocumentType.INSTANCE));
        } else if (mapName.contains(INDEX)) {
            builder.keyType(asObjects(IndexKeyType.INSTANCE));
        }
        return builder;
    }

    static boolean isDocumentMap(String mapName) {
        return mapName.startsWith(DOCUMENTS);
    }

    /** Whether the map holds documents, metadata or an index of a collection of {@code database}. */
    static boolean belongsTo(String mapName, String database) {
        return mapName.startsWith(database + ".")
                || mapName.startsWith(DOCUMENTS + database + ".")
                || mapName.startsWith(META + database + ".");
    }

    @SuppressWarnings("unchecked")
    private static <T> org.h2.mvstore.type.DataType<Object> asObjects(org.h2.mvstore.type.DataType<T> type) {
        return (org.h2.mvstore.type.DataType<Object>) type;
    }
}
