package io.stageflow.deal.board;

import io.stageflow.deal.deals.Deal;
import io.stageflow.deal.deals.DealStatus;
import io.stageflow.events.Money;
import io.stageflow.platform.outbox.AggregateRoot;
import io.stageflow.platform.outbox.AggregateSaveListener;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The cards of every pipeline someone looked at, in memory, so a board of 100,000 deals is one pass over
 * memory instead of a count, a sum and a sorted page per stage in the store. A pipeline is loaded from the
 * store on its first board; after that it follows this instance's own saves at once, and other instances'
 * through {@code deal-events}. Every update carries the deal's sequence and the highest wins, so the order in
 * which a load, a save and an event arrive does not matter.
 */
@Component
public class BoardIndex implements AggregateSaveListener {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BoardIndex.class);

    /** Only what a card needs is read; activities and the outbox can be large. */
    private static final List<String> CARD_FIELDS = List.of(
            "tenantId",
            "title",
            "pipelineId",
            "stageKey",
            "amount",
            "probabilityOverride",
            "ownerId",
            "company",
            "expectedCloseDate",
            "stageEnteredAt",
            "rotsAt",
            "openActivities",
            "nextActivityDueAt",
            "status",
            "version",
            "sequence");

    private static final int LOAD_BATCH = 1000;

    private final MongoTemplate mongo;
    private final Map<PipelineKey, PipelineCards> pipelines = new ConcurrentHashMap<>();
    private final CountDownLatch followerStarted = new CountDownLatch(1);

    BoardIndex(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** After a deal was saved here: its new card replaces the old one, if its pipeline is followed. */
    @Override
    public void saved(AggregateRoot aggregate) {
        if (!(aggregate instanceof Deal deal)) {
            return;
        }
        PipelineCards cards = pipelines.get(new PipelineKey(deal.tenantId(), deal.pipelineId()));
        if (cards != null) {
            cards.put(Card.of(deal));
        }
    }

    /**
     * An event of a deal changed elsewhere: reloads the deal when its pipeline is followed and the event is
     * newer than the card.
     */
    public void changedElsewhere(String tenantId, String pipelineId, String dealId, long sequence) {
        PipelineCards cards = pipelines.get(new PipelineKey(tenantId, pipelineId));
        if (cards == null || cards.sequenceOf(dealId) >= sequence) {
            return;
        }
        Deal deal = mongo.findById(dealId, Deal.class);
        if (deal != null) {
            cards.put(Card.of(deal));
        }
    }

    /**
     * Per stage of the pipeline: how many cards it holds, their sums per currency, and the first
     * {@code pageSize} cards; loads the pipeline on first use.
     *
     * @param probabilityOfStage the stage probabilities, for cards without an override
     */
    Map<String, StageSummary> summarise(
            String tenantId, String pipelineId, Map<String, Integer> probabilityOfStage, int pageSize) {
        awaitFollower();
        PipelineKey key = new PipelineKey(tenantId, pipelineId);
        PipelineCards cards = pipelines.computeIfAbsent(key, k -> new PipelineCards());
        try {
            cards.loadOnce(consumer -> {
                Query query = Query.query(Criteria.where("tenantId")
                                .is(tenantId)
                                .and("pipelineId")
                                .is(pipelineId))
                        .cursorBatchSize(LOAD_BATCH);
                CARD_FIELDS.forEach(field -> query.fields().include(field));
                try (var deals = mongo.stream(query, Deal.class)) {
                    deals.forEach(consumer);
                }
            });
        } catch (RuntimeException failed) { // the load failed here, or in the request that ran it
            pipelines.remove(key, cards); // the next board loads afresh
            throw failed;
        }
        return cards.summarise(probabilityOfStage, pageSize);
    }

    void followerStarted() {
        followerStarted.countDown();
    }

    /**
     * A pipeline loaded before the deal-events follower has its start position could miss a change made
     * elsewhere in between; wait for it. When the broker is away the board is still served after a while,
     * from this instance's view (other instances cannot publish their changes then either).
     */
    private void awaitFollower() {
        try {
            if (!followerStarted.await(10, TimeUnit.SECONDS)) {
                log.warn("deal-events follower not started after 10 s; serving the board from this instance's view");
                followerStarted.countDown(); // wait once, not on every board
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    record PipelineKey(String tenantId, String pipelineId) {}

    /** What a board shows of a deal, plus what decides its staleness and which version it is. */
    record Card(
            String id,
            String title,
            String stageKey,
            Money amount,
            Integer probabilityOverride,
            String ownerId,
            String company,
            LocalDate expectedCloseDate,
            Instant stageEnteredAt,
            Instant rotsAt,
            int openActivities,
            Instant nextActivityDueAt,
            DealStatus status,
            long version,
            long sequence) {

        static Card of(Deal deal) {
            return new Card(
                    deal.id(),
                    deal.title(),
                    deal.stageKey(),
                    deal.amount(),
                    deal.probabilityOverride(),
                    deal.ownerId(),
                    deal.company(),
                    deal.expectedCloseDate(),
                    deal.stageEnteredAt(),
                    deal.rotsAt(),
                    deal.openActivities(),
                    deal.nextActivityDueAt(),
                    deal.status(),
                    deal.version(),
                    deal.sequence());
        }

        boolean isStaleAt(Instant now) {
            return Deal.isStale(status, rotsAt, openActivities, now);
        }
    }

    /**
     * One stage: its card count, per currency the sum of minor units and of minor units × percent (exact, divided
     * once when shown), and its first page of cards in id order (creation order: ids are UUIDv7).
     */
    record StageSummary(long count, Map<String, long[]> sumsPerCurrency, List<Card> firstPage, boolean more) {}

    private static final class PipelineCards {

        private final ReadWriteLock lock = new ReentrantReadWriteLock();
        private final Map<String, Card> byId = new HashMap<>();
        private final Map<String, TreeMap<String, Card>> byStage = new HashMap<>();
        private final CompletableFuture<Void> loaded = new CompletableFuture<>();
        private boolean loading;

        void loadOnce(java.util.function.Consumer<java.util.function.Consumer<Deal>> load) {
            boolean mine;
            synchronized (this) {
                mine = !loading;
                loading = true;
            }
            if (mine) {
                try {
                    // saves arriving while this runs are kept too: the higher sequence wins either way
                    load.accept(deal -> put(Card.of(deal)));
                    loaded.complete(null);
                } catch (RuntimeException e) {
                    loaded.completeExceptionally(e); // waiters fail too instead of waiting forever
                    throw e;
                }
            } else {
                loaded.join();
            }
        }

        long sequenceOf(String dealId) {
            lock.readLock().lock();
            try {
                Card card = byId.get(dealId);
                return card == null ? -1 : card.sequence();
            } finally {
                lock.readLock().unlock();
            }
        }

        void put(Card card) {
            lock.writeLock().lock();
            try {
                Card previous = byId.get(card.id());
                if (previous != null && previous.sequence() >= card.sequence()) {
                    return;
                }
                if (previous != null) {
                    TreeMap<String, Card> stage = byStage.get(previous.stageKey());
                    stage.remove(card.id());
                }
                byId.put(card.id(), card);
                byStage.computeIfAbsent(card.stageKey(), k -> new TreeMap<>()).put(card.id(), card);
            } finally {
                lock.writeLock().unlock();
            }
        }

        Map<String, StageSummary> summarise(Map<String, Integer> probabilityOfStage, int pageSize) {
            lock.readLock().lock();
            try {
                Map<String, StageSummary> summaries = new HashMap<>();
                byStage.forEach((stageKey, cards) -> {
                    int stageProbability = probabilityOfStage.getOrDefault(stageKey, 0);
                    Map<String, long[]> sums = new TreeMap<>();
                    List<Card> page = new ArrayList<>(Math.min(pageSize, cards.size()));
                    for (Card card : cards.values()) {
                        if (page.size() < pageSize) {
                            page.add(card);
                        }
                        if (card.amount() != null) {
                            int probability =
                                    card.probabilityOverride() != null ? card.probabilityOverride() : stageProbability;
                            long[] sum = sums.computeIfAbsent(card.amount().currency(), c -> new long[2]);
                            sum[0] = Math.addExact(sum[0], card.amount().minorUnits());
                            sum[1] = Math.addExact(
                                    sum[1], Math.multiplyExact(card.amount().minorUnits(), probability));
                        }
                    }
                    summaries.put(stageKey, new StageSummary(cards.size(), sums, page, cards.size() > pageSize));
                });
                return summaries;
            } finally {
                lock.readLock().unlock();
            }
        }
    }
}
