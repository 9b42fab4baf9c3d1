package io.stageflow.analytics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * How Kafka might hand a history of events to a consumer: in some order, with some records twice, and with restarts
 * that deliver again what was delivered since the last committed offset. Made of plain numbers drawn from a seeded
 * {@link Random}, so that a failing plan is reproduced by rerunning its seed.
 *
 * @param ordering how the published order is changed
 * @param permutation a permutation of the event indexes, the order {@link Ordering#ANY} delivers in
 * @param copies events delivered once more, each at a position of its own
 * @param restarts applied one after the other to the deliveries so far
 */
public record DeliveryPlan(Ordering ordering, List<Integer> permutation, List<Copy> copies, List<Restart> restarts) {

    public enum Ordering {
        /** The order the events were generated in: each aggregate's events in sequence order. */
        AS_PUBLISHED,
        /** Aggregates interleaved at random, each aggregate's events still in sequence order, as one partition keeps them. */
        INTERLEAVED,
        /** Any order at all, within an aggregate too: only the parking can restore the sequence. */
        ANY
    }

    /** The event at {@code event} once more, inserted at {@code position} (both taken modulo the sizes). */
    public record Copy(int event, int position) {}

    /**
     * A consumer restarts after {@code position} deliveries and, its last commit lying {@code rewind} records back,
     * receives those records again.
     */
    public record Restart(int position, int rewind) {}

    /** A plan for a history of {@code events} events, drawn from {@code random}. */
    public static DeliveryPlan generate(Random random, int events) {
        if (events < 1) {
            throw new IllegalArgumentException("a history has at least one event");
        }
        List<Integer> permutation =
                new ArrayList<>(IntStream.range(0, events).boxed().toList());
        Collections.shuffle(permutation, random);
        List<Copy> copies = new ArrayList<>();
        int copyCount = random.nextInt(events + 1);
        for (int i = 0; i < copyCount; i++) {
            copies.add(new Copy(random.nextInt(events), random.nextInt(3 * events + 1)));
        }
        List<Restart> restarts = new ArrayList<>();
        int restartCount = random.nextInt(4);
        for (int i = 0; i < restartCount; i++) {
            restarts.add(new Restart(random.nextInt(3 * events + 1), random.nextInt(1, events + 1)));
        }
        Ordering ordering = Ordering.values()[random.nextInt(Ordering.values().length)];
        return new DeliveryPlan(ordering, List.copyOf(permutation), List.copyOf(copies), List.copyOf(restarts));
    }

    /**
     * This plan's deliveries of {@code events}, short enough for a failure message: the ordering, then each
     * delivery's {@code label} (say aggregate id, sequence and event type) in delivery order.
     */
    public <T> String describe(List<T> events, Function<T, String> aggregateOf, Function<T, String> label) {
        return ordering + " " + copies.size() + " copies " + restarts.size() + " restarts: "
                + deliveries(events, aggregateOf).stream().map(label).collect(Collectors.joining(", ", "[", "]"));
    }

    /** The deliveries this plan makes of {@code events}, whose aggregates {@code aggregateOf} tells apart. */
    public <T> List<T> deliveries(List<T> events, Function<T, String> aggregateOf) {
        List<T> delivered = new ArrayList<>(ordered(events, aggregateOf));
        for (Copy copy : copies) {
            delivered.add(copy.position() % (delivered.size() + 1), events.get(copy.event() % events.size()));
        }
        for (Restart restart : restarts) {
            int position = restart.position() % (delivered.size() + 1);
            int from = Math.max(0, position - restart.rewind());
            delivered.addAll(position, new ArrayList<>(delivered.subList(from, position)));
        }
        return delivered;
    }

    private <T> List<T> ordered(List<T> events, Function<T, String> aggregateOf) {
        List<T> shuffled = permutation.stream().map(events::get).toList();
        return switch (ordering) {
            case AS_PUBLISHED -> events;
            case ANY -> shuffled;
            case INTERLEAVED -> {
                // the shuffled order decides which aggregate goes next; each takes its own events in order
                Map<String, List<T>> byAggregate = new LinkedHashMap<>();
                events.forEach(event -> byAggregate
                        .computeIfAbsent(aggregateOf.apply(event), key -> new ArrayList<>())
                        .add(event));
                Map<String, Integer> taken = new HashMap<>();
                yield shuffled.stream()
                        .map(event -> {
                            String aggregate = aggregateOf.apply(event);
                            int next = taken.merge(aggregate, 1, Integer::sum) - 1;
                            return byAggregate.get(aggregate).get(next);
                        })
                        .toList();
            }
        };
    }
}
