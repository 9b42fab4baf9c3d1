package io.stageflow.devstack.store;

import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A query with its values left out, for logs: which fields and operators it uses, never what it looked for. */
final class QueryShape {

    private QueryShape() {}

    static Object of(Object query) {
        if (query instanceof Document document) {
            Map<String, Object> shape = new LinkedHashMap<>();
            document.forEach((key, value) -> shape.put(key, of(value)));
            return shape;
        }
        if (query instanceof Collection<?> values) {
            // the conditions of $and / $or keep their shape; the elements of $in are values
            return values.stream().anyMatch(Document.class::isInstance)
                    ? values.stream().map(QueryShape::of).toList()
                    : List.of("?");
        }
        return "?";
    }
}
