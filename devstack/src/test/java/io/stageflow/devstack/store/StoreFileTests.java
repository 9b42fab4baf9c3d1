package io.stageflow.devstack.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreFileTests {

    @TempDir
    Path directory;

    @Test
    void documentsComeBackWithEveryValueTheyHadAlsoAfterARestart() throws Exception {
        Path file = directory.resolve("store.mv.db");
        Document stored = everyKindOfValue();

        withStore(file, leads -> leads.insertOne(stored));
        withStore(file, leads -> {
            assertThat(leads.find(Filters.eq("_id", "lead-1")).first()).isEqualTo(stored);
            assertThat(leads.find(Filters.eq("company.name", "Analytical Engines"))
                            .first())
                    .isEqualTo(stored);
        });
    }

    @Test
    void uniqueIndexesRefuseDuplicatesAndFreeAKeyWhenItsDocumentMoves() throws Exception {
        Path file = directory.resolve("store.mv.db");
        withStore(file, leads -> {
            leads.createIndex(Indexes.ascending("tenantId", "email"), new IndexOptions().unique(true));
            leads.insertOne(new Document("_id", "a").append("tenantId", "t1").append("email", "ada@example.com"));
            leads.insertOne(new Document("_id", "b").append("tenantId", "t2").append("email", "ada@example.com"));
            leads.insertOne(new Document("_id", "c").append("tenantId", "t1").append("email", 1));
        });
        withStore(file, leads -> {
            assertDuplicate(() -> leads.insertOne(
                    new Document("_id", "d").append("tenantId", "t1").append("email", "ada@example.com")));
            // 1 and 1.0 are the same key to MongoDB
            assertDuplicate(() -> leads.insertOne(
                    new Document("_id", "e").append("tenantId", "t1").append("email", 1.0)));
            assertDuplicate(() -> leads.insertOne(new Document("_id", "a").append("tenantId", "t9")));

            leads.updateOne(Filters.eq("_id", "a"), Updates.set("email", "ada@lovelace.org"));
            leads.insertOne(new Document("_id", "f").append("tenantId", "t1").append("email", "ada@example.com"));
            assertDuplicate(() -> leads.insertOne(
                    new Document("_id", "g").append("tenantId", "t1").append("email", "ada@lovelace.org")));
            assertThat(leads.countDocuments()).isEqualTo(4);
        });
    }

    @Test
    void aStoreWrittenWithH2DefaultsIsCopiedIntoTheCurrentFormatWithoutLosingAnything() throws Exception {
        Path file = directory.resolve("store.mv.db");
        List<Document> written = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            written.add(new Document("_id", "imported-" + i)
                    .append("tenantId", "t" + (i % 3))
                    .append("email", "person" + i + "@example.com")
                    .append("score", i));
        }
        written.add(everyKindOfValue());
        MVStore formerFormat = new MVStore.Builder().fileName(file.toString()).open();
        withBackend(new H2Backend(formerFormat), leads -> {
            leads.createIndex(Indexes.ascending("tenantId", "email"), new IndexOptions().unique(true));
            leads.insertMany(written);
        });

        withStore(file, leads -> {
            assertThat(leads.find().into(new ArrayList<>())).containsExactlyInAnyOrderElementsOf(written);
            assertThat(leads.find(Filters.eq("_id", "imported-2041")).first()).isEqualTo(written.get(2041));
            assertDuplicate(() -> leads.insertOne(
                    new Document("_id", "new").append("tenantId", "t1").append("email", "person1@example.com")));
        });
        assertThat(StoreFile.format(file)).isEqualTo(StoreFile.FORMAT);
        assertThat(Files.list(directory)).containsExactly(file);
    }

    @Test
    void largeResultsArriveWholeInBatchesWithFiltersSkipLimitSortAndProjectionsAsMongoDbAppliesThem() throws Exception {
        Path file = directory.resolve("store.mv.db");
        int count = 12_000;
        withDatabase(new StoreBackend(StoreFile.open(file, new MVStore.Builder())), database -> {
            MongoCollection<Document> leads = database.getCollection("leads");
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                documents.add(new Document("_id", String.format("lead-%05d", i))
                        .append("tenantId", i % 3 == 0 ? "t1" : "t2")
                        .append("score", i));
            }
            leads.insertMany(documents);

            assertThat(leads.find().into(new ArrayList<>())).hasSize(count);
            // without a batch size the first reply holds MongoDB's default first batch, the rest follows on demand
            Document cursor = database.runCommand(
                            new Document("find", "leads").append("filter", new Document("tenantId", "t2")))
                    .get("cursor", Document.class);
            assertThat(cursor.getList("firstBatch", Document.class)).hasSize(101);
            assertThat(cursor.getLong("id")).isNotZero();
            List<Document> ofT1 = leads.find(Filters.eq("tenantId", "t1")).into(new ArrayList<>());
            assertThat(ofT1)
                    .hasSize(count / 3)
                    .allSatisfy(lead -> assertThat(lead.getString("tenantId")).isEqualTo("t1"));
            assertThat(leads.find(Filters.eq("tenantId", "t1")).batchSize(7).into(new ArrayList<>()))
                    .containsExactlyInAnyOrderElementsOf(ofT1);
            assertThat(leads.find(Filters.gte("score", 100))
                            .skip(10)
                            .limit(5_000)
                            .into(new ArrayList<>()))
                    .hasSize(5_000)
                    .allSatisfy(lead -> assertThat(lead.getInteger("score")).isGreaterThanOrEqualTo(100));
            assertThat(leads.find(Filters.eq("tenantId", "t2"))
                            .sort(new Document("score", -1))
                            .limit(3)
                            .map(lead -> lead.getInteger("score"))
                            .into(new ArrayList<>()))
                    .containsExactly(count - 1, count - 2, count - 4);
            assertThat(leads.find(Filters.eq("_id", "lead-00042")).first()).containsEntry("score", 42);
            // the store's own readers see every document, not a first batch
            assertThat(leads.countDocuments()).isEqualTo(count);
            assertThat(leads.countDocuments(Filters.gte("score", 100))).isEqualTo(count - 100);
            assertThat(leads.aggregate(List.of(
                                    Aggregates.match(Filters.gte("score", 3)),
                                    Aggregates.group("$tenantId", Accumulators.sum("leads", 1)),
                                    Aggregates.sort(Sorts.ascending("_id"))))
                            .into(new ArrayList<>()))
                    .containsExactly(
                            new Document("_id", "t1").append("leads", count / 3 - 1),
                            new Document("_id", "t2").append("leads", count - count / 3 - 2));
            assertThat(leads.find()
                            .projection(new Document("score", 1))
                            .limit(2)
                            .into(new ArrayList<>()))
                    .allSatisfy(lead -> assertThat(lead.keySet()).containsExactlyInAnyOrder("_id", "score"));
        });
    }

    @Test
    void secondaryIndexesFindWhatAScanFindsThroughInsertsUpdatesDeletesArraysAndRestarts() throws Exception {
        Path file = directory.resolve("store.mv.db");
        Map<String, Document> model = new TreeMap<>();
        for (int i = 0; i < 3_000; i++) {
            Document lead = new Document("_id", String.format("lead-%04d", i))
                    .append("tenantId", "t" + (i % 3))
                    .append("stage", "s" + (i % 5))
                    .append("score", i)
                    .append("labels", i % 4 == 0 ? List.of("vip", "new", "vip") : List.of("new"));
            model.put(lead.getString("_id"), lead);
        }
        withDatabase(new StoreBackend(StoreFile.open(file, new MVStore.Builder())), database -> {
            MongoCollection<Document> leads = database.getCollection("leads");
            leads.insertMany(new ArrayList<>(model.values()));
            // built over the documents already there
            leads.createIndex(Indexes.ascending("tenantId", "stage"));
            leads.createIndex(Indexes.ascending("tenantId", "labels", "score"));
            assertFindsAsAScan(leads, model);

            leads.updateMany(
                    Filters.and(Filters.eq("tenantId", "t1"), Filters.eq("stage", "s2")), Updates.set("stage", "s3"));
            model.values().stream()
                    .filter(lead -> lead.get("tenantId").equals("t1")
                            && lead.get("stage").equals("s2"))
                    .forEach(lead -> lead.put("stage", "s3"));
            // an update of fields no index holds leaves the index entries as they are
            leads.updateMany(Filters.eq("tenantId", "t0"), Updates.set("note", "called"));
            model.values().stream()
                    .filter(lead -> lead.get("tenantId").equals("t0"))
                    .forEach(lead -> lead.put("note", "called"));
            Document moved = new Document(model.get("lead-0004")).append("tenantId", "t2");
            leads.replaceOne(Filters.eq("_id", "lead-0004"), moved);
            model.put("lead-0004", moved);
            leads.deleteMany(Filters.and(Filters.eq("tenantId", "t2"), Filters.eq("stage", "s0")));
            model.values()
                    .removeIf(lead -> lead.get("tenantId").equals("t2")
                            && lead.get("stage").equals("s0"));
            assertFindsAsAScan(leads, model);
        });
        withDatabase(new StoreBackend(StoreFile.open(file, new MVStore.Builder())), database -> {
            MongoCollection<Document> leads = database.getCollection("leads");
            assertFindsAsAScan(leads, model);
            Document added = new Document("_id", "lead-9999")
                    .append("tenantId", "t1")
                    .append("stage", "s3")
                    .append("score", 9_999)
                    .append("labels", List.of("vip"));
            leads.insertOne(added);
            model.put("lead-9999", added);
            assertFindsAsAScan(leads, model);

            // the only index of these has an array after the queried field: each document still comes once
            MongoCollection<Document> deals = database.getCollection("deals");
            deals.createIndex(Indexes.ascending("tenantId", "labels"));
            deals.insertMany(List.of(
                    new Document("_id", 1).append("tenantId", "t1").append("labels", List.of("a", "b", "c")),
                    new Document("_id", 2).append("tenantId", "t1").append("labels", List.of()),
                    new Document("_id", 3).append("tenantId", "t2").append("labels", List.of("a"))));
            assertThat(deals.find(Filters.eq("tenantId", "t1"))
                            .map(deal -> deal.get("_id"))
                            .into(new ArrayList<>()))
                    .containsExactlyInAnyOrder(1, 2);
            assertThat(deals.countDocuments(Filters.eq("tenantId", "t1"))).isEqualTo(2);
        });
    }

    @Test
    void findAndModifyChangesTheDocumentItsConditionsAndSortSelect() throws Exception {
        Path file = directory.resolve("store.mv.db");
        withDatabase(new StoreBackend(StoreFile.open(file, new MVStore.Builder())), database -> {
            MongoCollection<Document> state = database.getCollection("state");
            state.insertOne(
                    new Document("_id", "generations").append("serving", 0).append("building", null));
            var claim = Filters.and(
                    Filters.eq("_id", "generations"),
                    Filters.eq("serving", 0),
                    Filters.or(Filters.eq("building", null), Filters.lt("heartbeatAt", 100)));
            var returnNew = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);

            // as a rebuild claims the next generation: once, and not again while the claim holds
            assertThat(state.findOneAndUpdate(
                            claim,
                            Updates.combine(Updates.set("building", 1), Updates.set("heartbeatAt", 500)),
                            returnNew))
                    .containsEntry("building", 1);
            assertThat(state.findOneAndUpdate(claim, Updates.set("building", 2), returnNew))
                    .isNull();

            MongoCollection<Document> jobs = database.getCollection("jobs");
            for (int i = 0; i < 300; i++) {
                jobs.insertOne(
                        new Document("_id", i).append("queue", "q" + (i % 2)).append("due", 1_000 - i));
            }
            jobs.createIndex(Indexes.ascending("queue"));
            // the earliest due of a queue, through its index, with a sort
            assertThat(jobs.findOneAndUpdate(
                            Filters.eq("queue", "q1"),
                            Updates.set("taken", true),
                            new FindOneAndUpdateOptions()
                                    .sort(Sorts.ascending("due"))
                                    .returnDocument(ReturnDocument.AFTER)))
                    .containsEntry("_id", 299)
                    .containsEntry("taken", true);
        });
    }

    @Test
    void readersFindEveryDocumentThatStaysPutWhileWritersChangeTheCollection() throws Exception {
        Path file = directory.resolve("store.mv.db");
        withDatabase(new StoreBackend(StoreFile.open(file, new MVStore.Builder())), database -> {
            MongoCollection<Document> leads = database.getCollection("leads");
            leads.createIndex(Indexes.ascending("tenantId", "stage"));
            List<Document> settled = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                settled.add(new Document("_id", "settled-" + i)
                        .append("tenantId", "t1")
                        .append("stage", "s1")
                        .append("score", i));
            }
            leads.insertMany(settled);
            var writing = new java.util.concurrent.atomic.AtomicBoolean(true);
            var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
            Thread writer = Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < 3_000; i++) {
                        leads.insertOne(new Document("_id", "moving-" + i)
                                .append("tenantId", "t1")
                                .append("stage", "s1")
                                .append("score", -1));
                        leads.updateOne(Filters.eq("_id", "moving-" + (i / 2)), Updates.set("stage", "s2"));
                        if (i % 3 == 0) {
                            leads.deleteOne(Filters.eq("_id", "moving-" + (i / 3)));
                        }
                    }
                } catch (Throwable e) {
                    failure.set(e);
                } finally {
                    writing.set(false);
                }
            });
            int reads = 0;
            while (writing.get() || reads == 0) {
                // a scan, an index, a projection and a sort, each while the writer moves documents around
                assertThat(leads.find(Filters.gte("score", 0)).into(new ArrayList<>()))
                        .hasSize(5_000);
                assertThat(leads.find(Filters.and(
                                        Filters.eq("tenantId", "t1"),
                                        Filters.eq("stage", "s1"),
                                        Filters.gte("score", 0)))
                                .into(new ArrayList<>()))
                        .hasSize(5_000);
                assertThat(leads.find(Filters.gte("score", 4_990))
                                .projection(new Document("score", 1))
                                .into(new ArrayList<>()))
                        .hasSize(10);
                assertThat(leads.find(Filters.eq("tenantId", "t1"))
                                .sort(new Document("score", -1))
                                .limit(3)
                                .map(lead -> lead.getInteger("score"))
                                .into(new ArrayList<>()))
                        .containsExactly(4_999, 4_998, 4_997);
                reads++;
            }
            assertThat(failure.get()).isNull();
            assertThat(leads.countDocuments(Filters.eq("tenantId", "t1"))).isEqualTo(5_000 + 3_000 - 1_000);
        });
    }

    /** Every query an index narrows down, unsorted (streamed), sorted and counted, against the model. */
    private static void assertFindsAsAScan(MongoCollection<Document> leads, Map<String, Document> model) {
        for (String tenant : List.of("t0", "t1", "t2", "t9")) {
            assertFinds(
                    leads,
                    Filters.eq("tenantId", tenant),
                    lead -> lead.get("tenantId").equals(tenant),
                    model);
            assertFinds(
                    leads,
                    Filters.and(Filters.eq("tenantId", tenant), Filters.eq("stage", "s3")),
                    lead -> lead.get("tenantId").equals(tenant)
                            && lead.get("stage").equals("s3"),
                    model);
            assertFinds(
                    leads,
                    Filters.and(Filters.eq("tenantId", tenant), Filters.gte("score", 1_500)),
                    lead -> lead.get("tenantId").equals(tenant) && lead.getInteger("score") >= 1_500,
                    model);
            // as Spring Data writes a criteria's andOperator
            assertFinds(
                    leads,
                    new Document(
                            "$and",
                            List.of(new Document("tenantId", tenant), new Document("score", new Document("$lt", 700)))),
                    lead -> lead.get("tenantId").equals(tenant) && lead.getInteger("score") < 700,
                    model);
            assertFinds(
                    leads,
                    Filters.and(Filters.eq("tenantId", tenant), Filters.eq("labels", "vip")),
                    lead -> lead.get("tenantId").equals(tenant)
                            && lead.getList("labels", String.class).contains("vip"),
                    model);
        }
    }

    private static void assertFinds(
            MongoCollection<Document> leads,
            org.bson.conversions.Bson filter,
            java.util.function.Predicate<Document> matches,
            Map<String, Document> model) {
        List<String> expected = model.values().stream()
                .filter(matches)
                .map(lead -> lead.getString("_id"))
                .toList();
        assertThat(leads.find(filter).map(lead -> lead.getString("_id")).into(new ArrayList<>()))
                .as("%s", filter)
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(leads.find(filter)
                        .sort(new Document("_id", 1))
                        .map(lead -> lead.getString("_id"))
                        .into(new ArrayList<>()))
                .as("%s sorted", filter)
                .containsExactlyElementsOf(expected);
        assertThat(leads.countDocuments(filter)).as("%s counted", filter).isEqualTo(expected.size());
    }

    private static Document everyKindOfValue() {
        return new Document("_id", "lead-1")
                .append("text", "Zoë ✓")
                .append("int", 42)
                .append("long", 9_007_199_254_740_993L)
                .append("double", 0.1)
                .append("decimal", Decimal128.parse("1234.50"))
                .append("flag", true)
                .append("nothing", null)
                .append("date", Date.from(Instant.parse("2026-11-29T10:15:30.123Z")))
                .append("objectId", new ObjectId("65a1b2c3d4e5f60718293a4b"))
                .append("binary", new Binary(new byte[] {1, 2, 3}))
                .append("uuid", UUID.fromString("2f1d8a4e-9c1b-4f7e-8a55-0c3b7d9e6f10"))
                .append("company", new Document("name", "Analytical Engines").append("size", 12))
                .append("tags", List.of("vip", 3, new Document("nested", List.of())));
    }

    private static void assertDuplicate(Runnable write) {
        assertThatThrownBy(write::run)
                .isInstanceOfSatisfying(
                        MongoWriteException.class,
                        e -> assertThat(ErrorCategory.fromErrorCode(e.getCode()))
                                .isEqualTo(ErrorCategory.DUPLICATE_KEY));
    }

    private static void withStore(Path file, Consumer<MongoCollection<Document>> use) throws Exception {
        withBackend(new StoreBackend(StoreFile.open(file, new MVStore.Builder())), use);
    }

    private static void withBackend(MongoBackend backend, Consumer<MongoCollection<Document>> use) {
        withDatabase(backend, database -> use.accept(database.getCollection("leads")));
    }

    private static void withDatabase(MongoBackend backend, Consumer<MongoDatabase> use) {
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create(
                "mongodb://" + address.getHostString() + ":" + address.getPort() + "/?uuidRepresentation=standard")) {
            use.accept(client.getDatabase("leads"));
        } finally {
            // closes the H2 store too, as the store process does when it stops
            server.shutdown();
        }
    }
}
