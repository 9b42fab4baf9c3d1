package io.stageflow.platform.messaging;

import io.stageflow.events.CloudEventType;
import io.stageflow.events.EventStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Maps CloudEvents type names to the records of one sealed stream interface, and back. */
public final class EventTypeRegistry<E> {

    private final Class<E> stream;
    private final EventStream streamInfo;
    private final Map<String, Class<? extends E>> recordsByType;

    private EventTypeRegistry(Class<E> stream) {
        if (!stream.isSealed() || !stream.isAnnotationPresent(EventStream.class)) {
            throw new IllegalArgumentException(stream + " is not a sealed @EventStream interface");
        }
        this.stream = stream;
        this.streamInfo = stream.getAnnotation(EventStream.class);
        this.recordsByType = Arrays.stream(stream.getPermittedSubclasses())
                .map(type -> type.asSubclass(stream))
                .collect(Collectors.toUnmodifiableMap(EventTypeRegistry::typeOf, Function.identity()));
    }

    public static <E> EventTypeRegistry<E> of(Class<E> stream) {
        return new EventTypeRegistry<>(stream);
    }

    public static String typeOf(Class<?> eventRecord) {
        CloudEventType type = eventRecord.getAnnotation(CloudEventType.class);
        if (type == null) {
            throw new IllegalArgumentException(eventRecord + " has no @CloudEventType");
        }
        return type.value();
    }

    public static EventStream streamOf(Class<?> eventRecord) {
        return Arrays.stream(eventRecord.getInterfaces())
                .map(i -> i.getAnnotation(EventStream.class))
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(eventRecord + " belongs to no @EventStream"));
    }

    public Optional<Class<? extends E>> recordFor(String type) {
        return Optional.ofNullable(recordsByType.get(type));
    }

    public Class<E> stream() {
        return stream;
    }

    public String topic() {
        return streamInfo.topic();
    }
}
