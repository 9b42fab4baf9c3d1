package io.stageflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/events.md and the AsyncAPI document list exactly the event types the contracts define, with the right
 * record, topic and schema.
 */
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

    @Test
    @SuppressWarnings("unchecked")
    void asyncApiDocumentDescribesEveryEventOnItsTopicWithItsSchemaAndNothingElse() throws IOException {
        Map<String, Object> document;
        try (var yaml = getClass().getResourceAsStream("/schemas/asyncapi.yaml")) {
            document = new org.yaml.snakeyaml.Yaml().load(yaml);
        }
        var channels = (Map<String, Map<String, Object>>) document.get("channels");
        var messages =
                (Map<String, Map<String, Object>>) ((Map<String, Object>) document.get("components")).get("messages");

        Map<String, String> topicOfType = new java.util.HashMap<>();
        channels.values().forEach(channel -> {
            var channelMessages = (Map<String, Map<String, String>>) channel.getOrDefault("messages", Map.of());
            channelMessages.values().forEach(reference -> {
                String key = reference.get("$ref").replace("#/components/messages/", "");
                assertThat(messages)
                        .as("message %s of %s", key, channel.get("address"))
                        .containsKey(key);
                topicOfType.put((String) messages.get(key).get("name"), (String) channel.get("address"));
            });
        });

        List<Class<?>> records = EventContractsTests.STREAMS.stream()
                .flatMap(stream -> Arrays.stream(stream.getPermittedSubclasses()))
                .toList();
        assertThat(messages).hasSameSizeAs(records);
        assertThat(topicOfType).hasSameSizeAs(records);
        for (Class<?> record : records) {
            String type = record.getAnnotation(CloudEventType.class).value();
            String topic =
                    record.getInterfaces()[0].getAnnotation(EventStream.class).topic();
            assertThat(topicOfType).as(type).containsEntry(type, topic);
            var message = messages.values().stream()
                    .filter(candidate -> type.equals(candidate.get("name")))
                    .findFirst()
                    .orElseThrow();
            assertThat(message.get("title")).isEqualTo(record.getSimpleName());
            String schema = ((Map<String, Map<String, String>>) message.get("payload"))
                    .get("schema")
                    .get("$ref");
            assertThat(schema).isEqualTo("./" + type + ".json");
            assertThat(getClass().getResource("/schemas/" + type + ".json"))
                    .as(schema)
                    .isNotNull();
        }
    }
}
