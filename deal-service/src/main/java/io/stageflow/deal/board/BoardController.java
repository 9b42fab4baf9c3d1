package io.stageflow.deal.board;

import io.stageflow.deal.board.BoardIndex.Card;
import io.stageflow.deal.board.PipelineBoard.Board;
import io.stageflow.deal.board.PipelineBoard.Column;
import io.stageflow.deal.board.PipelineBoard.Total;
import io.stageflow.deal.pipelines.Pipeline;
import io.stageflow.deal.pipelines.StageType;
import io.stageflow.platform.money.Amount;
import io.stageflow.platform.security.Caller;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /pipelines/{id}/board}: what a sales team sees as columns of cards. */
@RestController
class BoardController {

    private final PipelineBoard boards;
    private final Clock clock;

    BoardController(PipelineBoard boards, Clock clock) {
        this.boards = boards;
        this.clock = clock;
    }

    @GetMapping("/api/v1/pipelines/{id}/board")
    BoardBody board(
            Caller caller, @PathVariable String id, @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        Board board = boards.of(caller.tenantId(), id, limit);
        Instant now = clock.instant();
        Pipeline pipeline = board.pipeline();
        return new BoardBody(
                pipeline.id(),
                pipeline.name(),
                pipeline.kind().name(),
                pipeline.version(),
                board.columns().stream()
                        .map(column -> StageColumn.of(column, now))
                        .toList());
    }

    record BoardBody(String pipelineId, String name, String kind, long version, List<StageColumn> stages) {}

    /** One stage with its totals and first page of cards; {@code nextCursor} continues on {@code GET /deals}. */
    record StageColumn(
            String key,
            String name,
            StageType type,
            int probability,
            Integer rottingDays,
            long count,
            List<Total> totals,
            List<DealCard> deals,
            String nextCursor) {

        static StageColumn of(Column column, Instant now) {
            return new StageColumn(
                    column.stage().key(),
                    column.stage().name(),
                    column.stage().type(),
                    column.stage().probability(),
                    column.stage().rottingDays(),
                    column.deals(),
                    column.totals(),
                    column.firstPage().stream()
                            .map(card -> DealCard.of(card, column.stage().probability(), now))
                            .toList(),
                    column.nextCursor());
        }
    }

    record DealCard(
            String id,
            String title,
            Amount amount,
            int probability,
            String ownerId,
            String company,
            LocalDate expectedCloseDate,
            Instant stageEnteredAt,
            boolean stale,
            Instant nextActivityDueAt,
            long version) {

        static DealCard of(Card card, int stageProbability, Instant now) {
            return new DealCard(
                    card.id(),
                    card.title(),
                    card.amount() == null ? null : Amount.of(card.amount()),
                    card.probabilityOverride() != null ? card.probabilityOverride() : stageProbability,
                    card.ownerId(),
                    card.company(),
                    card.expectedCloseDate(),
                    card.stageEnteredAt(),
                    card.isStaleAt(now),
                    card.nextActivityDueAt(),
                    card.version());
        }
    }
}
