package io.stageflow.platform.idempotency;

import java.time.Instant;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The first response to a POST with an {@code Idempotency-Key}, kept a day so a retry gets the same answer.
 * {@code status} 0 means the first request is still being processed.
 */
@Document("idempotency_keys")
record IdempotencyRecord(
        @Id String id,
        String requestHash,
        int status,
        Map<String, String> headers,
        byte[] body,
        @Indexed(expireAfter = "24h") Instant createdAt) {

    boolean completed() {
        return status != 0;
    }
}
