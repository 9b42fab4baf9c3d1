package io.stageflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/events.md lists exactly the event types the contracts define, with the right record and topic. */
class EventCatalogueTests {

    @Test
    void catalogueListsEveryEventTypeWithItsRecordAndTopicAndNothingElse() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("..", "docs", "events.md")).stream()
                .filter(line -> line.startsWith("| `stageflow."))
                .toList();

        Set<String> expected = EventContractsTests.STREAMS.stream()
                .flatMap(stream -> Arrays.stream(stream.getPermittedSubclasses())
                        .map(record -> "| `"
                                + record.getAnnotation(CloudEventType.class).value() + "` | `" + record.getSimpleName()
                                + "` | `"
                                + stream.getAnnotation(EventStream.class).topic() + "` |"))
                .collect(Collectors.toSet());

        assertThat(rows).hasSameSizeAs(expected);
        expected.forEach(
                prefix -> assertThat(rows).anySatisfy(row -> assertThat(row).startsWith(prefix)));
    }
}
