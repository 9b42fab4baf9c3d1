package io.stageflow.devstack.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryShapeTests {

    @Test
    void keepsFieldsAndOperatorsAndDropsEveryValue() {
        Document query = new Document("tenantId", "tenant-a")
                .append("emailKey", new Document("$in", List.of("ada@example.com", "grace@example.com")))
                .append("$and", List.of(new Document("createdAt", new Document("$gte", 17)), new Document("x", true)));

        Object shape = QueryShape.of(query);

        assertThat(shape.toString())
                .isEqualTo("{tenantId=?, emailKey={$in=[?]}, $and=[{createdAt={$gte=?}}, {x=?}]}")
                .doesNotContain("ada@example.com", "tenant-a", "17");
    }
}
