package io.stageflow.devstack.store;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.Map;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * The stored documents, written as BSON. H2's default type writes them with Java serialization, which under load
 * took more of the store's CPU than anything else and about twice the bytes. Every document the store holds came
 * in as BSON or is built from such values, so BSON holds it exactly.
 */
final class DocumentType extends BasicDataType<Document> {

    static final DocumentType INSTANCE = new DocumentType();

    private DocumentType() {}

    /**
     * The store puts a copy of its own into the map ({@link StoreCollection}), but a reader that changes a document it
     * was handed would still change it under the encoder: it is then encoded again, as it is by then, rather than
     * failing the commit, which would close the store.
     */
    @Override
    public void write(WriteBuffer buffer, Document document) {
        for (int attempt = 1; ; attempt++) {
            try {
                buffer.put(bson(document));
                return;
            } catch (ConcurrentModificationException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    @Override
    public Document read(ByteBuffer buffer) {
        // a BSON document begins with its own length, little-endian
        int length = Integer.reverseBytes(buffer.getInt(buffer.position()));
        ByteBuf bson = Unpooled.wrappedBuffer(buffer.slice(buffer.position(), length));
        try {
            return BsonDecoder.decodeBson(bson);
        } finally {
            bson.release();
            buffer.position(buffer.position() + length);
        }
    }

    /** Only asked whether two documents are the same (H2's conditional replace and remove). */
    @Override
    public int compare(Document a, Document b) {
        return a.equals(b) ? 0 : Arrays.compareUnsigned(bson(a), bson(b));
    }

    /** An estimate for H2's cache accounting, which only needs to be roughly right and cheap. */
    @Override
    public int getMemory(Document document) {
        return estimate(document);
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }

    private static int estimate(Object value) {
        return switch (value) {
            case null -> 8;
            case String text -> 40 + text.length();
            case Map<?, ?> map -> {
                int memory = 48;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    memory += 32 + estimate(entry.getKey()) + estimate(entry.getValue());
                }
                yield memory;
            }
            case Collection<?> values -> {
                int memory = 40;
                for (Object element : values) {
                    memory += 8 + estimate(element);
                }
                yield memory;
            }
            default -> 24;
        };
    }

    private static byte[] bson(Document document) {
        ByteBuf buffer = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, buffer);
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return bytes;
        } finally {
            buffer.release();
        }
    }
}
