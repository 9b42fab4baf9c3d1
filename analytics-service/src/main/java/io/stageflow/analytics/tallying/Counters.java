package io.stageflow.analytics.tallying;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Named whole-number counters, the form every tally takes (ADR 0014): one member's share and the sum of all shares
 * alike, so that a change of a share is a difference of counters and a tally is kept with {@code $inc} alone.
 *
 * <p>Counters are named by keys of parts joined by {@code |}; each part is escaped so that a key can be a field name
 * in the store (no {@code .}, never a leading {@code $}), and null is a part of its own. Zero counters are dropped.
 */
public final class Counters {

    private static final String NONE = "%N";

    private final Map<String, Long> values;

    public Counters() {
        this(new HashMap<>());
    }

    private Counters(Map<String, Long> values) {
        this.values = values;
    }

    /** Counters read back from the store. */
    public static Counters of(Map<String, ? extends Number> counters) {
        Counters read = new Counters();
        counters.forEach((key, value) -> read.add(key, value.longValue()));
        return read;
    }

    public void add(String key, long value) {
        if (value != 0) {
            values.merge(key, value, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    public void add(Counters other) {
        other.values.forEach(this::add);
    }

    /** What has to be added to {@code before} to make it these: the change of one member's share. */
    public Counters minus(Counters before) {
        Counters difference = new Counters(new HashMap<>(values));
        before.values.forEach((key, value) -> difference.add(key, -value));
        return difference;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The non-zero counters, by key. */
    public Map<String, Long> asMap() {
        return Map.copyOf(values);
    }

    public long get(String key) {
        return values.getOrDefault(key, 0L);
    }

    /** The counters whose key begins with {@code kind}, by the rest of their key's parts (unescaped). */
    public Map<List<String>, Long> partsOf(String kind) {
        Map<List<String>, Long> found = new HashMap<>();
        String prefix = kind + "|";
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                found.put(unescape(key.substring(prefix.length()).split("\\|", -1)), value);
            }
        });
        return found;
    }

    /** A key of a kind (written as it is) and parts (escaped). */
    public static String key(String kind, String... parts) {
        StringBuilder key = new StringBuilder(kind);
        for (String part : parts) {
            key.append('|').append(escape(part));
        }
        return key.toString();
    }

    /** Escapes what a store field name or a key's separator cannot hold; null becomes a marker no escape yields. */
    static String escape(String part) {
        if (part == null) {
            return NONE;
        }
        StringBuilder escaped = new StringBuilder(part.length());
        for (char c : part.toCharArray()) {
            switch (c) {
                case '%' -> escaped.append("%25");
                case '|' -> escaped.append("%7C");
                case '.' -> escaped.append("%2E");
                case '$' -> escaped.append("%24");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static List<String> unescape(String[] parts) {
        List<String> result = new ArrayList<>(parts.length);
        for (String part : parts) {
            result.add(part.equals(NONE) ? null : unescape(part));
        }
        return result;
    }

    private static String unescape(String part) {
        if (part.indexOf('%') < 0) {
            return part;
        }
        StringBuilder plain = new StringBuilder(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '%' && i + 2 < part.length()) {
                plain.append((char) Integer.parseInt(part.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                plain.append(c);
            }
        }
        return plain.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Counters counters && values.equals(counters.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
