package io.stageflow.analytics.tallying;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
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

/**
 * The stored side of ADR 0014 for one subject in one generation's collections: per tally a document holding the sum
 * of its members' shares for one version, and per member a share document holding what the tally counts of it. Only
 * the subject's {@link Tallier} writes them; queries read a tally whole.
 *
 * <p>Tally: {@code {_id, tenantId, version, ready, round, fence, latestAt, c: {counter: n}}}. {@code ready} once every
 * member was counted into this version; {@code round}, the last tallier round applied; {@code fence}, the lease epoch
 * allowed to write; {@code latestAt}, the latest instant of any event counted, so the tally answers exactly for any
 * instant at or after it.
 *
 * <p>Share: {@code {_id: member id, tally, version, counters}} and, while a round is applying it,
 * {@code pending: true, pendingRound, pendingTally, pendingVersion, pendingCounters} (sparse index on
 * {@code pending}).
 */
public class TallyStore<D, C> {

    private final MongoTemplate mongo;
    private final SequencedDocuments documents;
    private final GuardIndexes guardIndexes;
    private final TallySubject<D, C> subject;

    public TallyStore(
            MongoTemplate mongo, SequencedDocuments documents, GuardIndexes guardIndexes, TallySubject<D, C> subject) {
        this.mongo = mongo;
        this.documents = documents;
        this.guardIndexes = guardIndexes;
        this.subject = subject;
    }

    /** A tally without its counters. */
    public record Header(
            String id, String tenantId, long version, boolean ready, long round, long fence, Instant latestAt) {

        static Header of(Document tally) {
            Date latestAt = tally.getDate("latestAt");
            return new Header(
                    tally.getString("_id"),
                    tally.getString("tenantId"),
                    number(tally, "version"),
                    Boolean.TRUE.equals(tally.getBoolean("ready")),
                    number(tally, "round"),
                    number(tally, "fence"),
                    latestAt == null ? null : latestAt.toInstant());
        }

        /** Whether the tally answers exactly as of {@code asOf}: no event it counted is dated after it. */
        public boolean answersAsOf(Instant asOf) {
            return latestAt == null || !asOf.isBefore(latestAt);
        }
    }

    /** A ready tally with its counters. */
    public record Counted(Header header, Counters sum) {}

    public TallySubject<D, C> subject() {
        return subject;
    }

    /** The collections a generation holds besides the members': a rebuild drops them with it. */
    public List<String> collections() {
        return subject.recountable()
                ? List.of(talliesName(), sharesName(), recountsName())
                : List.of(talliesName(), sharesName());
    }

    public MongoCollection<Document> tallies(Generation generation) {
        return mongo.getCollection(generation.collection(talliesName()));
    }

    public MongoCollection<Document> shares(Generation generation) {
        return mongo.getCollection(generation.collection(sharesName()));
    }

    /** Requests to count some members again: {@code {_id, n, ...what names the members}}. */
    public MongoCollection<Document> recounts(Generation generation) {
        return mongo.getCollection(generation.collection(recountsName()));
    }

    /**
     * Asks the tallier to count again the members each request names ({@link TallySubject#recounted}). Repeating a
     * request raises its {@code n}, so that a round which read the request before cannot remove it.
     */
    public void requestRecounts(Generation generation, List<Document> requests) {
        if (requests.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(requests.size());
        for (Document request : requests) {
            List<Bson> updates = new ArrayList<>();
            request.forEach((field, value) -> {
                if (!field.equals("_id")) {
                    updates.add(Updates.set(field, value));
                }
            });
            updates.add(Updates.inc("n", 1L));
            writes.add(new UpdateOneModel<>(
                    Filters.eq("_id", request.get("_id")), Updates.combine(updates), new UpdateOptions().upsert(true)));
        }
        recounts(generation).bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    public MongoCollection<Document> leases() {
        return mongo.getCollection(subject.name() + "_tallier_leases");
    }

    public MongoCollection<Document> members(Generation generation) {
        return mongo.getCollection(membersCollection(generation));
    }

    public String membersCollection(Generation generation) {
        return documents.collection(subject.memberType(), generation);
    }

    private String talliesName() {
        return subject.name() + "_tallies";
    }

    private String sharesName() {
        return subject.name() + "_tally_shares";
    }

    private String recountsName() {
        return subject.name() + "_tally_recounts";
    }

    /**
     * The indexes the tallier's queries need: the shares' own, and the members' declared ones (the sparse one on
     * {@code untallied} among them), which generation 0 also gets from Spring Data at start-up.
     */
    void prepare(Generation generation) {
        shares(generation)
                .createIndex(
                        Indexes.ascending("pending"),
                        new IndexOptions().name("pending").sparse(true));
        // a share's pending state is finished or dropped by a write guarded by its round (ADR 0007)
        guardIndexes.ensure(generation.collection(sharesName()), "pendingRound");
        if (subject.recountable()) {
            // a request is removed by a write guarded by the n its round read
            guardIndexes.ensure(generation.collection(recountsName()), "n");
        }
        documents.prepare(subject.memberType(), generation);
    }

    /** The tally with its counters, when it is complete; empty while it is being filled or missing. */
    public Optional<Counted> ready(Generation generation, String tallyId) {
        Document tally = tallies(generation).find(Filters.eq("_id", tallyId)).first();
        if (tally == null || !Boolean.TRUE.equals(tally.getBoolean("ready"))) {
            return Optional.empty();
        }
        return Optional.of(new Counted(Header.of(tally), counters(tally, "c")));
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

    /** The counters held in {@code field} of a stored document; none when it has no such field. */
    public static Counters counters(Document document, String field) {
        if (!(document.get(field) instanceof Document counters)) {
            return new Counters();
        }
        Map<String, Number> values = new HashMap<>();
        counters.forEach((key, value) -> values.put(key, (Number) value));
        return Counters.of(values);
    }

    public static Document document(Counters counters) {
        return new Document(counters.asMap());
    }

    public static long number(Document document, String field) {
        return document.get(field) instanceof Number number ? number.longValue() : 0;
    }
}
