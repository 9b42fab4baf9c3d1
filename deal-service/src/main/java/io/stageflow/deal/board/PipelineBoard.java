package io.stageflow.deal.board;

import io.stageflow.deal.board.BoardIndex.Card;
import io.stageflow.deal.board.BoardIndex.StageSummary;
import io.stageflow.deal.pipelines.Pipeline;
import io.stageflow.deal.pipelines.PipelineManagement;
import io.stageflow.deal.pipelines.Stage;
import io.stageflow.platform.web.PageCursor;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The board of a pipeline: its stages in order, each with the first page of its deals, how many it holds, and
 * per currency the total and the weighted total (amount × the deal's probability: its override or the
 * stage's). Totals are summed in minor units and divided once, so they are exact.
 */
@Service
public class PipelineBoard {

    private final BoardIndex index;
    private final PipelineManagement pipelines;

    PipelineBoard(BoardIndex index, PipelineManagement pipelines) {
        this.index = index;
        this.pipelines = pipelines;
    }

    public Board of(String tenantId, String pipelineId, int pageSize) {
        Pipeline pipeline = pipelines.get(tenantId, pipelineId);
        Map<String, Integer> probabilityOfStage =
                pipeline.stages().stream().collect(Collectors.toMap(Stage::key, Stage::probability));
        Map<String, StageSummary> summaries = index.summarise(tenantId, pipelineId, probabilityOfStage, pageSize);
        List<Column> columns = new ArrayList<>();
        for (Stage stage : pipeline.stages()) {
            StageSummary summary = summaries.getOrDefault(stage.key(), new StageSummary(0, Map.of(), List.of(), false));
            List<Card> page = summary.firstPage();
            columns.add(new Column(
                    stage,
                    summary.count(),
                    totals(summary.sumsPerCurrency()),
                    page,
                    summary.more() ? new PageCursor("", page.getLast().id()).encode() : null));
        }
        return new Board(pipeline, columns);
    }

    private static List<Total> totals(Map<String, long[]> sumsPerCurrency) {
        List<Total> totals = new ArrayList<>();
        sumsPerCurrency.forEach((code, sum) -> {
            int digits = Math.max(0, Currency.getInstance(code).getDefaultFractionDigits());
            BigDecimal value = BigDecimal.valueOf(sum[0], digits);
            BigDecimal weighted = BigDecimal.valueOf(sum[1], digits + 2).setScale(digits, RoundingMode.HALF_EVEN);
            totals.add(new Total(code, value, weighted));
        });
        return totals;
    }

    public record Board(Pipeline pipeline, List<Column> columns) {}

    public record Column(Stage stage, long deals, List<Total> totals, List<Card> firstPage, String nextCursor) {}

    /** Per currency: the sum of amounts and the probability-weighted sum, in major units. */
    public record Total(String currency, BigDecimal value, BigDecimal weightedValue) {}
}
