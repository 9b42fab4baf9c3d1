package io.stageflow.analytics.sequencing;

import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An event that arrived before its predecessor: kept, headers and body as received, until the gap closes.
 */
@Document("parked_events")
record ParkedEvent(
        @Id String id,
        String projection,
        String aggregateKey,
        long sequence,
        Map<String, String> headers,
        byte[] payload) {

    static String idOf(String projection, String aggregateKey, long sequence) {
        return projection + "|" + aggregateKey + "|" + sequence;
    }
}
