package io.stageflow.devstack.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the store's H2 file in the current format. The format is recorded in the file; a file written before it
 * was (every map with H2's default types) is copied into the current format once, on the first start after an
 * upgrade, so no data of a local stack is lost.
 */
public final class StoreFile {

    /** 2: documents as BSON, index keys ordered by {@link IndexKeyType}. 1 (unrecorded): H2's defaults. */
    static final int FORMAT = 2;

    private static final String FORMAT_MAP = "stageflow.store";
    private static final String FORMAT_KEY = "format";
    private static final int COPY_BATCH = 10_000;
    private static final Logger log = LoggerFactory.getLogger(StoreFile.class);

    private StoreFile() {}

    /** The store in {@code dataFile}, created or upgraded as needed, opened with {@code settings}. */
    public static MVStore open(Path dataFile, MVStore.Builder settings) throws IOException {
        Path copy = dataFile.resolveSibling(dataFile.getFileName() + ".upgrading");
        // a copy left by an interrupted upgrade is incomplete: the original is still the truth
        Files.deleteIfExists(copy);
        if (Files.exists(dataFile) && format(dataFile) < FORMAT) {
            upgrade(dataFile, copy);
        }
        MVStore store = settings.fileName(dataFile.toString()).open();
        MVMap<String, Integer> format = store.openMap(FORMAT_MAP);
        if (!Integer.valueOf(FORMAT).equals(format.get(FORMAT_KEY))) {
            format.put(FORMAT_KEY, FORMAT);
            store.commit();
        }
        return store;
    }

    static int format(Path dataFile) {
        MVStore store =
                new MVStore.Builder().fileName(dataFile.toString()).readOnly().open();
        try {
            if (!store.hasMap(FORMAT_MAP)) {
                return store.getMapNames().isEmpty() ? FORMAT : 1;
            }
            Integer format = store.<String, Integer>openMap(FORMAT_MAP).get(FORMAT_KEY);
            return format == null ? 1 : format;
        } finally {
            store.close();
        }
    }

    private static void upgrade(Path dataFile, Path copy) throws IOException {
        log.info("Copying the store in {} into the current format (once; large stores take a while)", dataFile);
        long documents = 0;
        MVStore from =
                new MVStore.Builder().fileName(dataFile.toString()).readOnly().open();
        MVStore to = new MVStore.Builder()
                .fileName(copy.toString())
                .autoCommitDisabled()
                .open();
        try {
            for (String name : from.getMapNames()) {
                MVMap<Object, Object> source = from.openMap(name);
                MVMap<Object, Object> target = to.openMap(name, StoreLayout.builderFor(name));
                int uncommitted = 0;
                for (Map.Entry<Object, Object> entry : source.entrySet()) {
                    target.put(entry.getKey(), entry.getValue());
                    if (++uncommitted == COPY_BATCH) {
                        to.commit();
                        uncommitted = 0;
                    }
                }
                if (StoreLayout.isDocumentMap(name)) {
                    documents += source.sizeAsLong();
                }
            }
            to.<String, Integer>openMap(FORMAT_MAP).put(FORMAT_KEY, FORMAT);
            to.commit();
        } finally {
            from.close();
            to.close();
        }
        Files.move(copy, dataFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        log.info("Store in {} copied into format {}: {} documents", dataFile, FORMAT, documents);
    }
}
