package io.stageflow.analytics.deals;

import static io.stageflow.analytics.deals.DealFixtures.day;
import static io.stageflow.analytics.deals.DealFixtures.deal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stageflow.analytics.deals.DealHistory.StageVisit;
import io.stageflow.analytics.deals.DealHistory.StatusChange;
import io.stageflow.events.Money;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DealHistoryTests {

    private static final String PIPELINE = "sales";
    private static final PipelineDefinition.Version VERSION = DealFixtures.pipelineDefinition(
                    List.of(DealFixtures.pipeline(PIPELINE)))
            .latest();

    @Test
    void keepsEveryStayInEachStageInOrderWithTheInstantsItEnteredAndLeft() {
        DealHistory d2 = history("d2");

        assertThat(d2.stages())
                .containsExactly(
                        new StageVisit("lead", day(0), day(2)),
                        new StageVisit("qualified", day(2), day(4)),
                        new StageVisit("proposal", day(4), day(6)),
                        new StageVisit("qualified", day(6), day(8)),
                        new StageVisit("proposal", day(8), day(10)),
                        new StageVisit("negotiation", day(10), day(12)),
                        new StageVisit("won", day(12), null));
        assertThat(d2.statuses())
                .containsExactly(
                        new StatusChange(DealStatus.OPEN, day(0), null),
                        new StatusChange(DealStatus.WON, day(12), null));
        assertThat(d2.sequence()).isEqualTo(7);
    }

    @Test
    void keepsTheStatusHistoryOfALostAndReopenedDeal() {
        DealHistory d5 = history("d5");

        assertThat(d5.statuses())
                .containsExactly(
                        new StatusChange(DealStatus.OPEN, day(2), null),
                        new StatusChange(DealStatus.LOST, day(8), "competitor"),
                        new StatusChange(DealStatus.OPEN, day(11), null));
        assertThat(d5.stages().stream().map(StageVisit::stageKey))
                .containsExactly("lead", "qualified", "proposal", "lost", "proposal", "negotiation");
    }

    @Test
    void readsTheStateAtAnyInstantFromTheHistoryNotFromTheLatestState() {
        DealHistory d5 = history("d5");

        assertThat(d5.at(day(1), VERSION)).as("not created yet").isEmpty();
        var beforeLoss = d5.at(day(7), VERSION).orElseThrow();
        assertThat(beforeLoss.stageKey()).isEqualTo("proposal");
        assertThat(beforeLoss.status()).isEqualTo(DealStatus.OPEN);
        assertThat(beforeLoss.probability()).isEqualTo(60);
        var lost = d5.at(day(9), VERSION).orElseThrow();
        assertThat(lost.stageKey()).isEqualTo("lost");
        assertThat(lost.status()).isEqualTo(DealStatus.LOST);
        assertThat(lost.statusSince()).isEqualTo(day(8));
        var reopened = d5.at(day(12), VERSION).orElseThrow();
        assertThat(reopened.status()).isEqualTo(DealStatus.OPEN);
        assertThat(reopened.stageKey()).isEqualTo("proposal");
        assertThat(reopened.probability())
                .as("reopening publishes no probability: the stage's, as the deal had none of its own")
                .isEqualTo(60);
        var now = d5.at(day(20), VERSION).orElseThrow();
        assertThat(now.stageKey()).isEqualTo("negotiation");
        assertThat(now.probability()).isEqualTo(80);
        assertThat(now.amount()).isEqualTo(new Money(1_200_000, "EUR"));
        assertThat(now.expectedCloseDate()).isEqualTo(LocalDate.parse("2026-04-15"));
    }

    @Test
    void readsOwnerProbabilityAndStaleFlagInEffectAtEachInstant() {
        DealHistory d8 = history("d8");
        DealHistory d10 = history("d10");

        assertThat(d10.at(day(8), VERSION).orElseThrow().ownerId()).isEqualTo("ann");
        assertThat(d10.at(day(9), VERSION).orElseThrow().ownerId()).isEqualTo("bob");
        assertThat(d8.at(day(7), VERSION).orElseThrow().probability()).isEqualTo(60);
        assertThat(d8.at(day(8), VERSION).orElseThrow().probability()).isEqualTo(50);
        assertThat(d8.at(day(15).minusMillis(1), VERSION).orElseThrow().stale()).isFalse();
        assertThat(d8.at(day(15), VERSION).orElseThrow().stale()).isTrue();
    }

    @Test
    void keepsTheDealsOwnProbabilityAfterReopeningWhenItHadOne() {
        var own = deal(PIPELINE, "own")
                .create(day(0), 100_000, "EUR", "ann", null)
                .moveTo("proposal", day(1))
                .setProbability(45, day(2))
                .lose(day(3), "price")
                .reopen("qualified", day(4));
        var stages = deal(PIPELINE, "stages")
                .create(day(0), 100_000, "EUR", "ann", null)
                .moveTo("proposal", day(1))
                .lose(day(3), "price")
                .reopen("qualified", day(4));

        assertThat(fold(own.events()).at(day(5), VERSION).orElseThrow().probability())
                .isEqualTo(45);
        assertThat(fold(stages.events()).at(day(5), VERSION).orElseThrow().probability())
                .isEqualTo(30);
    }

    @Test
    void showsAStayLeftOnlyAfterTheInstantAsStillGoingOn() {
        DealHistory d2 = history("d2");

        assertThat(d2.visitsUntil(day(5)))
                .containsExactly(
                        new StageVisit("lead", day(0), day(2)),
                        new StageVisit("qualified", day(2), day(4)),
                        new StageVisit("proposal", day(4), null));
        assertThat(d2.statusesUntil(day(11))).hasSize(1);
    }

    @Test
    void refusesASecondCreation() {
        var events = new ArrayList<>(deal(PIPELINE, "twice")
                .create(day(0), 100_000, "EUR", "ann", null)
                .events());
        DealHistory history = fold(events);

        assertThatThrownBy(() -> history.then(events.getFirst().event(), 2)).isInstanceOf(IllegalStateException.class);
    }

    private static DealHistory history(String dealId) {
        return DealFixtures.histories(DealFixtures.workedExample(PIPELINE)).stream()
                .filter(h -> h.dealId().equals(dealId))
                .findFirst()
                .orElseThrow();
    }

    private static DealHistory fold(List<DealFixtures.Sequenced> events) {
        return DealFixtures.histories(events).getFirst();
    }
}
