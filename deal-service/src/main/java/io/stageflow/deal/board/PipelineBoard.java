package io.stageflow.deal.board;

import io.stageflow.deal.deals.Deal;
import io.stageflow.deal.pipelines.Pipeline;
import io.stageflow.deal.pipelines.PipelineManagement;
import io.stageflow.deal.pipelines.Stage;
import io.stageflow.platform.web.PageCursor;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The board of a pipeline: its stages in order, each with the first page of its deals, how many it holds, and
 * per currency the total and the weighted total (amount × the deal's probability: its override or the
 * stage's). Totals are summed in minor units and divided once, so they are exact.
 */
@Service
public class PipelineBoard {

    private final MongoTemplate mongo;
    private final PipelineManagement pipelines;

    PipelineBoard(MongoTemplate mongo, PipelineManagement pipelines) {
        this.mongo = mongo;
        this.pipelines = pipelines;
    }

    public Board of(String tenantId, String pipelineId, int pageSize) {
        Pipeline pipeline = pipelines.get(tenantId, pipelineId);
        Map<String, StageSums> sums = sumsPerStage(tenantId, pipelineId, pipeline);
        List<Column> columns = new ArrayList<>();
        for (Stage stage : pipeline.stages()) {
            List<Deal> found = mongo.find(
                    Query.query(Criteria.where("tenantId")
                                    .is(tenantId)
                                    .and("pipelineId")
                                    .is(pipelineId)
                                    .and("stageKey")
                                    .is(stage.key()))
                            .with(Sort.by("_id"))
                            .limit(pageSize + 1),
                    Deal.class);
            boolean more = found.size() > pageSize;
            List<Deal> page = more ? found.subList(0, pageSize) : found;
            StageSums stageSums = sums.getOrDefault(stage.key(), new StageSums());
            columns.add(new Column(
                    stage,
                    stageSums.deals,
                    stageSums.totals(),
                    List.copyOf(page),
                    more ? new PageCursor("", page.getLast().id()).encode() : null));
        }
        return new Board(pipeline, columns);
    }

    private Map<String, StageSums> sumsPerStage(String tenantId, String pipelineId, Pipeline pipeline) {
        var aggregation = Aggregation.newAggregation(
                Aggregation.match(Criteria.where("tenantId")
                        .is(tenantId)
                        .and("pipelineId")
                        .is(pipelineId)),
                Aggregation.group("stageKey", "amount.currency", "probabilityOverride")
                        .count()
                        .as("deals")
                        .sum("amount.minorUnits")
                        .as("minorUnits"));
        Map<String, StageSums> sums = new HashMap<>();
        for (Document group : mongo.aggregate(aggregation, Deal.class, Document.class)) {
            Document key = group.get("_id", Document.class);
            String stageKey = key.getString("stageKey");
            Stage stage = pipeline.stage(stageKey).orElse(null);
            if (stage == null) {
                continue; // a removed stage whose deals are still being moved
            }
            Number override = (Number) key.get("probabilityOverride");
            int probability = override != null ? override.intValue() : stage.probability();
            long deals = ((Number) group.get("deals")).longValue();
            String currency = key.getString("currency");
            long minor = group.get("minorUnits") instanceof Number n ? n.longValue() : 0;
            sums.computeIfAbsent(stageKey, k -> new StageSums()).add(deals, currency, minor, probability);
        }
        return sums;
    }

    /** Running sums of one stage: deal count, and per currency the minor units and minor units × percent. */
    private static final class StageSums {
        long deals;
        final Map<String, long[]> perCurrency = new TreeMap<>();

        void add(long count, String currency, long minorUnits, int probability) {
            deals += count;
            if (currency != null) {
                long[] sum = perCurrency.computeIfAbsent(currency, c -> new long[2]);
                sum[0] = Math.addExact(sum[0], minorUnits);
                sum[1] = Math.addExact(sum[1], Math.multiplyExact(minorUnits, probability));
            }
        }

        List<Total> totals() {
            List<Total> totals = new ArrayList<>();
            perCurrency.forEach((code, sum) -> {
                int digits = Math.max(0, Currency.getInstance(code).getDefaultFractionDigits());
                BigDecimal value = BigDecimal.valueOf(sum[0], digits);
                BigDecimal weighted = BigDecimal.valueOf(sum[1], digits + 2).setScale(digits, RoundingMode.HALF_EVEN);
                totals.add(new Total(code, value, weighted));
            });
            return totals;
        }
    }

    public record Board(Pipeline pipeline, List<Column> columns) {}

    public record Column(Stage stage, long deals, List<Total> totals, List<Deal> firstPage, String nextCursor) {}

    /** Per currency: the sum of amounts and the probability-weighted sum, in major units. */
    public record Total(String currency, BigDecimal value, BigDecimal weightedValue) {}
}
