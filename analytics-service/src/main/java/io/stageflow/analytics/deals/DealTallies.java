package io.stageflow.analytics.deals;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import io.stageflow.analytics.sequencing.Generation;
import io.stageflow.analytics.sequencing.SequencedDocuments;
import io.stageflow.platform.store.GuardIndexes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The stored side of ADR 0014 in one generation's collections: per pipeline a tally document holding the sum of its
 * deals' shares ({@link DealTally}) for the pipeline's current version, and per deal a share document holding what
 * the tally counts of it. Only the tallier writes them; queries read a tally whole.
 *
 * <p>Tally: {@code {_id: tenant:pipeline, tenantId, pipelineId, pipelineVersion, ready, round, fence, latestAt,
 * c: {counter: n}}}. {@code ready} once every history of the pipeline was counted into this version;
 * {@code round}, the last tallier round applied; {@code fence}, the lease epoch allowed to write; {@code latestAt},
 * the latest instant of any event counted, so the tally answers exactly for any instant at or after it.
 *
 * <p>Share: {@code {_id: history id, tally, version, counters}} and, while a round is applying it,
 * {@code pending: true, pendingRound, pendingTally, pendingVersion, pendingCounters} (sparse index on
 * {@code pending}).
 */
@Component
class DealTallies {

    static final String TALLIES = "deal_tallies";
    static final String SHARES = "deal_tally_shares";
    static final String LEASES = "deal_tallier_leases";

    private final MongoTemplate mongo;
    private final SequencedDocuments documents;
    private final GuardIndexes guardIndexes;

    DealTallies(MongoTemplate mongo, SequencedDocuments documents, GuardIndexes guardIndexes) {
        this.mongo = mongo;
        this.documents = documents;
        this.guardIndexes = guardIndexes;
    }

    /** A tally without its counters. */
    record Header(
            String id,
            String tenantId,
            String pipelineId,
            long pipelineVersion,
            boolean ready,
            long round,
            long fence,
            Instant latestAt) {

        static Header of(Document tally) {
            Date latestAt = tally.getDate("latestAt");
            return new Header(
                    tally.getString("_id"),
                    tally.getString("tenantId"),
                    tally.getString("pipelineId"),
                    number(tally, "pipelineVersion"),
                    Boolean.TRUE.equals(tally.getBoolean("ready")),
                    number(tally, "round"),
                    number(tally, "fence"),
                    latestAt == null ? null : latestAt.toInstant());
        }
    }

    /** A ready tally with its counters. */
    record Counted(Header header, DealTally sum) {}

    MongoCollection<Document> tallies(Generation generation) {
        return mongo.getCollection(generation.collection(TALLIES));
    }

    MongoCollection<Document> shares(Generation generation) {
        return mongo.getCollection(generation.collection(SHARES));
    }

    MongoCollection<Document> leases() {
        return mongo.getCollection(LEASES);
    }

    MongoCollection<Document> histories(Generation generation) {
        return mongo.getCollection(documents.collection(DealHistory.class, generation));
    }

    String historiesCollection(Generation generation) {
        return documents.collection(DealHistory.class, generation);
    }

    String definitionsCollection(Generation generation) {
        return documents.collection(PipelineDefinition.class, generation);
    }

    /**
     * The indexes the tallier's queries need: the shares' own, and the histories' declared ones, which generation 0
     * also gets from Spring Data at start-up.
     */
    void prepare(Generation generation) {
        shares(generation)
                .createIndex(
                        Indexes.ascending("pending"),
                        new IndexOptions().name("pending").sparse(true));
        // a share's pending state is finished or dropped by a write guarded by its round (ADR 0007)
        guardIndexes.ensure(generation.collection(SHARES), "pendingRound");
        // the histories' declared indexes (the sparse one on untallied among them) and their guard index
        documents.prepare(DealHistory.class, generation);
    }

    /** The pipeline's tally with its counters, when it is complete; empty while it is being filled or missing. */
    Optional<Counted> ready(Generation generation, String tenantId, String pipelineId) {
        Document tally = tallies(generation)
                .find(Filters.eq("_id", PipelineDefinition.idOf(tenantId, pipelineId)))
                .first();
        if (tally == null || !Boolean.TRUE.equals(tally.getBoolean("ready"))) {
            return Optional.empty();
        }
        return Optional.of(new Counted(Header.of(tally), counters(tally)));
    }

    Map<String, Header> headers(Generation generation, Bson filter) {
        Map<String, Header> headers = new HashMap<>();
        for (Document tally : tallies(generation).find(filter).projection(Projections.exclude("c"))) {
            Header header = Header.of(tally);
            headers.put(header.id(), header);
        }
        return headers;
    }

    Map<String, Header> headers(Generation generation, Collection<String> ids) {
        return headers(generation, Filters.in("_id", ids));
    }

    long countedDeals(Generation generation, String tallyId) {
        Document tally = tallies(generation)
                .find(Filters.eq("_id", tallyId))
                .projection(Projections.include("c.deals"))
                .first();
        if (tally == null || !(tally.get("c") instanceof Document counters)) {
            return 0;
        }
        return number(counters, "deals");
    }

    static DealTally counters(Document tally) {
        return tally.get("c") instanceof Document counters ? tallyOf(counters) : new DealTally();
    }

    static DealTally tallyOf(Document counters) {
        Map<String, Number> values = new HashMap<>();
        counters.forEach((key, value) -> values.put(key, (Number) value));
        return DealTally.of(values);
    }

    static Document document(DealTally tally) {
        return new Document(tally.counters());
    }

    static long number(Document document, String field) {
        return document.get(field) instanceof Number number ? number.longValue() : 0;
    }

    static List<String> ids(Collection<DealHistory> histories) {
        List<String> ids = new ArrayList<>(histories.size());
        histories.forEach(history -> ids.add(history.id()));
        return ids;
    }
}
