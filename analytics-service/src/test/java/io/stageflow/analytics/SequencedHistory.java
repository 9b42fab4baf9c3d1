package io.stageflow.analytics;

import io.stageflow.platform.messaging.IncomingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One aggregate's events as a consumer receives them: sequence 1, 2, 3 … in order, a second apart. */
public final class SequencedHistory {

    private SequencedHistory() {}

    public static <T> List<IncomingEvent<T>> of(String source, String subject, Instant at, List<T> data) {
        List<IncomingEvent<T>> events = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            events.add(new IncomingEvent<>(
                    "event-" + i, "type", source, subject, "tenant-a", i + 1, at.plusSeconds(i), data.get(i)));
        }
        return events;
    }
}
