package io.stageflow.platform.store;

import io.stageflow.platform.web.PageCursor;
import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** One page of a list in id order, continuing after the id in {@code cursor}; one item more tells if there is more. */
public record IdPage<T>(List<T> items, String nextCursor) {

    public static <T> IdPage<T> find(
            MongoTemplate mongo, Criteria criteria, String cursor, int limit, Class<T> type, Function<T, String> idOf) {
        if (cursor != null) {
            criteria = criteria.and("_id").gt(PageCursor.decode(cursor).id());
        }
        List<T> found = mongo.find(Query.query(criteria).with(Sort.by("_id")).limit(limit + 1), type);
        boolean more = found.size() > limit;
        List<T> items = more ? found.subList(0, limit) : found;
        return new IdPage<>(items, more ? new PageCursor("", idOf.apply(items.getLast())).encode() : null);
    }
}
