package io.stageflow.devstack.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * Keys of the indexes ({@code _id}, the services' unique, guard and secondary indexes). H2's default type compares
 * two keys of a class it does not know by Java-serializing both, at every step of every B-tree search; under load
 * that was most of the store's CPU. This type orders the values a key holds directly: by kind first (null, missing,
 * text, floating-point number, whole number, boolean, anything else), then by value, anything else by its BSON
 * bytes. Any total order compared value by value serves, because the indexes are only ever searched for equal keys
 * or equal leading values (which then lie next to each other); two keys are equal exactly when they hold the same
 * kinds of values with equal values, as with the default type.
 */
final class IndexKeyType extends BasicDataType<KeyValue> {

    static final IndexKeyType INSTANCE = new IndexKeyType();

    private static final byte NULL = 0;
    private static final byte MISSING = 1;
    private static final byte TEXT = 2;
    private static final byte FLOATING = 3;
    private static final byte WHOLE = 4;
    private static final byte BOOLEAN = 5;
    private static final byte OTHER = 6;

    private IndexKeyType() {}

    @Override
    public int compare(KeyValue a, KeyValue b) {
        if (a == b) {
            return 0;
        }
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int compared = compareValues(a.get(i), b.get(i));
            if (compared != 0) {
                return compared;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** Whether {@code key} begins with the values of {@code prefix}, each equal as {@link #compare} has it. */
    boolean startsWith(KeyValue key, KeyValue prefix) {
        if (key.size() < prefix.size()) {
            return false;
        }
        for (int i = 0; i < prefix.size(); i++) {
            if (compareValues(key.get(i), prefix.get(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    private static int compareValues(Object a, Object b) {
        byte kindA = kind(a);
        byte kindB = kind(b);
        if (kindA != kindB) {
            return Byte.compare(kindA, kindB);
        }
        return switch (kindA) {
            case TEXT -> ((String) a).compareTo((String) b);
            case FLOATING -> Double.compare((Double) a, (Double) b);
            case WHOLE -> Long.compare((Long) a, (Long) b);
            case BOOLEAN -> Boolean.compare((Boolean) a, (Boolean) b);
            case OTHER -> a.equals(b) ? 0 : Arrays.compareUnsigned(bson(a), bson(b));
            default -> 0;
        };
    }

    private static byte kind(Object value) {
        return switch (value) {
            case null -> NULL;
            case Missing missing -> MISSING;
            case String text -> TEXT;
            case Double number -> FLOATING;
            case Long number -> WHOLE;
            case Boolean flag -> BOOLEAN;
            default -> OTHER;
        };
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        buffer.putVarInt(key.size());
        for (Object value : key) {
            byte kind = kind(value);
            buffer.put(kind);
            switch (kind) {
                case TEXT -> {
                    byte[] utf8 = ((String) value).getBytes(StandardCharsets.UTF_8);
                    buffer.putVarInt(utf8.length).put(utf8);
                }
                case FLOATING -> buffer.putDouble((Double) value);
                case WHOLE -> buffer.putLong((Long) value);
                case BOOLEAN -> buffer.put((byte) (((Boolean) value) ? 1 : 0));
                case OTHER -> {
                    byte[] encoded = bson(value);
                    buffer.putVarInt(encoded.length).put(encoded);
                }
                default -> {}
            }
        }
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        int size = DataUtils.readVarInt(buffer);
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            byte kind = buffer.get();
            values.add(
                    switch (kind) {
                        case NULL -> null;
                        case MISSING -> Missing.getInstance();
                        case TEXT -> new String(bytes(buffer), StandardCharsets.UTF_8);
                        case FLOATING -> buffer.getDouble();
                        case WHOLE -> buffer.getLong();
                        case BOOLEAN -> buffer.get() != 0;
                        case OTHER -> fromBson(bytes(buffer));
                        default -> throw new IllegalStateException("unknown kind of index key value: " + kind);
                    });
        }
        return new KeyValue(values);
    }

    @Override
    public int getMemory(KeyValue key) {
        int memory = 24;
        for (Object value : key) {
            memory += value instanceof String text ? 40 + text.length() : 24;
        }
        return memory;
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }

    /** The value as its BSON type byte followed by its BSON encoding. */
    private static byte[] bson(Object value) {
        ByteBuf buffer = Unpooled.buffer(32);
        try {
            byte type = BsonEncoder.determineType(value);
            buffer.writeByte(type);
            BsonEncoder.encodeValue(type, value, buffer);
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return bytes;
        } finally {
            buffer.release();
        }
    }

    private static Object fromBson(byte[] bytes) {
        ByteBuf buffer = Unpooled.wrappedBuffer(bytes);
        try {
            byte type = buffer.readByte();
            return BsonDecoder.decodeValue(type, buffer);
        } finally {
            buffer.release();
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(bytes);
        return bytes;
    }
}
