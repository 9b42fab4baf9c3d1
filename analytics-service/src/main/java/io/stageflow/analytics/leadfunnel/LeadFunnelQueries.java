package io.stageflow.analytics.leadfunnel;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;

import io.stageflow.analytics.sequencing.ProjectionGenerations;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

@Component
class LeadFunnelQueries {

    private final MongoTemplate mongo;
    private final ProjectionGenerations generations;

    LeadFunnelQueries(MongoTemplate mongo, ProjectionGenerations generations) {
        this.mongo = mongo;
        this.generations = generations;
    }

    LeadFunnel funnel(String tenantId, Instant from, Instant to) {
        Criteria criteria = Criteria.where("tenantId").is(tenantId);
        if (from != null || to != null) {
            Criteria created = Criteria.where("createdAt");
            if (from != null) {
                created = created.gte(from);
            }
            if (to != null) {
                created = created.lt(to);
            }
            criteria = new Criteria().andOperator(criteria, created);
        }
        var aggregation = newAggregation(
                LeadFunnelEntry.class, match(criteria), group("source").count().as("created"));
        String collection = generations.serving().collection(mongo.getCollectionName(LeadFunnelEntry.class));
        List<LeadFunnel.SourceCount> bySource =
                mongo.aggregate(aggregation, collection, Document.class).getMappedResults().stream()
                        .map(row -> new LeadFunnel.SourceCount(
                                row.getString("_id"), ((Number) row.get("created")).longValue()))
                        .sorted(Comparator.comparing(LeadFunnel.SourceCount::created)
                                .reversed()
                                .thenComparing(LeadFunnel.SourceCount::source))
                        .toList();
        long total =
                bySource.stream().mapToLong(LeadFunnel.SourceCount::created).sum();
        return new LeadFunnel(from, to, total, bySource);
    }
}
