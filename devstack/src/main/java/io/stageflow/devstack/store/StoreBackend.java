package io.stageflow.devstack.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;

/** mongo-java-server's H2 backend with the store's own map types ({@link StoreDatabase}). */
public final class StoreBackend extends H2Backend {

    public StoreBackend(MVStore store) {
        super(store);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new StoreDatabase(databaseName, getMvStore(), getCursorRegistry());
    }
}
