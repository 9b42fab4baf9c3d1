package io.stageflow.analytics.leadfunnel;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;

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

    LeadFunnelQueries(MongoTemplate mongo) {
        this.mongo = mongo;
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
        var aggregation =
                newAggregation(match(criteria), group("source").count().as("created"));
        List<LeadFunnel.SourceCount> bySource =
                mongo.aggregate(aggregation, LeadFunnelEntry.class, Document.class).getMappedResults().stream()
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
