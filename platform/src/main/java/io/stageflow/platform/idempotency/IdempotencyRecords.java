package io.stageflow.platform.idempotency;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The kept first responses. A kept response may hold personal data (a created lead's email), so erasing a
 * resource must forget the responses that created or described it.
 */
public class IdempotencyRecords {

    private final MongoTemplate mongo;

    public IdempotencyRecords(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Forgets every kept response of the tenant whose {@code Location} is this resource. */
    public void forgetResponsesAbout(String tenantId, String location) {
        mongo.remove(
                Query.query(Criteria.where("_id")
                        .regex("^" + java.util.regex.Pattern.quote(tenantId + ":"))
                        .and("headers.Location")
                        .is(location)),
                IdempotencyRecord.class);
    }
}
