package io.stageflow.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.stageflow.events.deal.DealEvent;
import io.stageflow.events.intake.LeadIntakeEvent;
import io.stageflow.events.lead.LeadCreated;
import io.stageflow.events.lead.LeadEvent;
import io.stageflow.events.survey.SurveyEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every event record against its JSON Schema and golden sample: consumers can read what producers wrote,
 * and the schema (the contract other languages read) accepts exactly what the records produce.
 */
class EventContractsTests {

    /** The sealed interface of every stream; a new stream must be added here. */
    static final List<Class<?>> STREAMS =
            List.of(LeadEvent.class, LeadIntakeEvent.class, DealEvent.class, SurveyEvent.class);

    private final JsonMapper records = JsonMapper.builder().build();
    private final ObjectMapper schemaTree = new ObjectMapper();
    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    static Stream<Class<?>> eventRecords() {
        return STREAMS.stream().flatMap(stream -> Arrays.stream(stream.getPermittedSubclasses()));
    }

    @ParameterizedTest
    @MethodSource("eventRecords")
    void everyEventRecordNamesItsTypeAndBelongsToAStream(Class<?> eventRecord) {
        assertThat(eventRecord.isRecord()).as("%s is a record", eventRecord).isTrue();
        assertThat(eventRecord.getAnnotation(CloudEventType.class))
                .as("%s has @CloudEventType", eventRecord)
                .isNotNull();
        assertThat(eventRecord.getAnnotation(CloudEventType.class).value())
                .matches("stageflow\\.[a-z-]+\\.[a-z-]+(\\.v\\d+)?");
        var stream = Arrays.stream(eventRecord.getInterfaces())
                .filter(i -> i.isAnnotationPresent(EventStream.class))
                .findFirst();
        assertThat(stream).as("%s implements a stream interface", eventRecord).isPresent();
    }

    @ParameterizedTest
    @MethodSource("eventRecords")
    void eventRecordsCarryNoContactDetails(Class<?> eventRecord) {
        org.junit.jupiter.api.Assumptions.assumeFalse(
                Arrays.stream(eventRecord.getInterfaces())
                        .anyMatch(i -> i.isAnnotationPresent(EventStream.class)
                                && i.getAnnotation(EventStream.class).personalData()),
                "intake streams carry personal data by nature");
        var personal = java.util.Set.of("email", "firstname", "lastname", "name", "phone", "address");
        assertThat(Arrays.stream(eventRecord.getRecordComponents())
                        .map(c -> c.getName().toLowerCase()))
                .as("components of %s (events are kept forever; see docs/adr/0003)", eventRecord)
                .noneMatch(personal::contains);
    }

    @ParameterizedTest
    @MethodSource("eventRecords")
    void goldenSampleDeserialisesAndSerialisesBackToTheSameJson(Class<?> eventRecord) throws IOException {
        String type = typeOf(eventRecord);
        String sample = read("/samples/" + type + ".json");

        Object event = records.readValue(sample, eventRecord);
        String written = records.writeValueAsString(event);

        assertThat(schemaTree.readTree(written)).isEqualTo(schemaTree.readTree(sample));
    }

    @ParameterizedTest
    @MethodSource("eventRecords")
    void serialisedRecordIsAcceptedByItsSchema(Class<?> eventRecord) throws IOException {
        String type = typeOf(eventRecord);
        Object event = records.readValue(read("/samples/" + type + ".json"), eventRecord);

        var errors = schemaFor(type).validate(schemaTree.readTree(records.writeValueAsString(event)));

        assertThat(errors).as("schema violations of %s", type).isEmpty();
    }

    @Test
    void schemaRejectsAnEventWithoutItsRequiredFields() throws IOException {
        var errors = schemaFor("stageflow.lead.created")
                .validate(schemaTree.readTree("{\"leadId\":\"l-1\",\"unexpected\":true}"));

        assertThat(errors)
                .extracting(Object::toString)
                .anySatisfy(message -> assertThat(message).contains("source"))
                .anySatisfy(message -> assertThat(message).contains("unexpected"));
    }

    @Test
    void minimalRecordOmitsAbsentOptionalFieldsAndStillMatchesItsSchema() throws IOException {
        var minimal = new LeadCreated("l-1", "api", null, "NEW", null, java.time.Instant.parse("2026-01-01T00:00:00Z"));

        String json = records.writeValueAsString(minimal);

        assertThat(json).doesNotContain("utm").doesNotContain("ownerId");
        assertThat(schemaFor("stageflow.lead.created").validate(schemaTree.readTree(json)))
                .isEmpty();
    }

    private JsonSchema schemaFor(String type) {
        InputStream in = getClass().getResourceAsStream("/schemas/" + type + ".json");
        assertThat(in).as("schema for %s", type).isNotNull();
        return schemas.getSchema(in);
    }

    private static String typeOf(Class<?> eventRecord) {
        return eventRecord.getAnnotation(CloudEventType.class).value();
    }

    private String read(String resource) {
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
