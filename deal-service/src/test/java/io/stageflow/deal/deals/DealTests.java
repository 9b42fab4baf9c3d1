package io.stageflow.deal.deals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stageflow.deal.pipelines.DefaultPipelines;
import io.stageflow.deal.pipelines.Pipeline;
import io.stageflow.events.Money;
import io.stageflow.events.deal.DealCreated;
import io.stageflow.events.deal.DealLost;
import io.stageflow.events.deal.DealReopened;
import io.stageflow.events.deal.DealUpdated;
import io.stageflow.events.deal.DealWon;
import io.stageflow.events.deal.StageChanged;
import io.stageflow.platform.web.ConflictException;
import io.stageflow.platform.web.UnprocessableInputException;
import io.stageflow.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DealTests {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final Money TEN_THOUSAND_EUR = new Money(1_000_000, "EUR");

    final MutableClock clock = new MutableClock(T0);
    final Pipeline sales = Pipeline.define("tenant-a", "sales-1", DefaultPipelines.SALES, clock);
    final Pipeline projects = Pipeline.define("tenant-a", "projects-1", DefaultPipelines.PROJECT, clock);

    Deal openDeal() {
        return Deal.open(
                "tenant-a",
                "deal-1",
                new DealDraft(
                        "Acme – 50 seats",
                        null,
                        TEN_THOUSAND_EUR,
                        "sam",
                        "lead-1",
                        "Acme",
                        LocalDate.parse("2026-06-30"),
                        null,
                        Set.of("enterprise")),
                sales,
                clock);
    }

    @Test
    void newDealStartsInTheFirstOpenStageWithThatStagesProbability() {
        Deal deal = openDeal();

        assertThat(deal.stageKey()).isEqualTo("lead-generation");
        assertThat(deal.status()).isEqualTo(DealStatus.OPEN);
        assertThat(deal.probability(sales)).isEqualTo(10);
        assertThat(deal.recordedEvents()).singleElement().isInstanceOfSatisfying(DealCreated.class, created -> {
            assertThat(created.stageKey()).isEqualTo("lead-generation");
            assertThat(created.amount()).isEqualTo(TEN_THOUSAND_EUR);
            assertThat(created.probability()).isEqualTo(10);
            assertThat(created.stale()).as("no open activity yet").isTrue();
        });
    }

    @Test
    void dealCanStartInAnyOpenStageButNotInAClosedOrUnknownOne() {
        var inProposal = new DealDraft("x", "proposal", null, null, null, null, null, null, null);
        assertThat(Deal.open("t", "d", inProposal, sales, clock).stageKey()).isEqualTo("proposal");

        var inWon = new DealDraft("x", "won", null, null, null, null, null, null, null);
        assertThatThrownBy(() -> Deal.open("t", "d", inWon, sales, clock))
                .isInstanceOf(UnprocessableInputException.class);
        var inNowhere = new DealDraft("x", "nowhere", null, null, null, null, null, null, null);
        assertThatThrownBy(() -> Deal.open("t", "d", inNowhere, sales, clock))
                .isInstanceOf(UnprocessableInputException.class);
    }

    @Test
    void moveForwardAndBackwardRecordsStageChangedWithTimeSpentAndTheNewProbability() {
        Deal deal = openDeal();
        clock.advance(Duration.ofHours(26));

        deal.moveTo(sales, "proposal", clock);
        clock.advance(Duration.ofHours(1));
        deal.moveTo(sales, "qualification", clock);

        assertThat(deal.recordedEvents())
                .filteredOn(StageChanged.class::isInstance)
                .map(StageChanged.class::cast)
                .extracting(
                        StageChanged::fromStage,
                        StageChanged::toStage,
                        StageChanged::secondsInPreviousStage,
                        StageChanged::probability)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("lead-generation", "proposal", 26 * 3600L, 50),
                        org.assertj.core.groups.Tuple.tuple("proposal", "qualification", 3600L, 20));
        assertThat(deal.stageEnteredAt()).isEqualTo(T0.plus(Duration.ofHours(27)));
    }

    @Test
    void moveToTheSameStageChangesNothingAndIllegalTargetsAreRefused() {
        Deal deal = openDeal();
        deal.moveTo(sales, "lead-generation", clock);
        assertThat(deal.recordedEvents()).hasSize(1);

        assertThatThrownBy(() -> deal.moveTo(sales, "won", clock))
                .isInstanceOf(UnprocessableInputException.class)
                .hasMessageContaining("stageKey");
        assertThatThrownBy(() -> deal.moveTo(sales, "execution", clock))
                .as("a stage of another pipeline")
                .isInstanceOf(UnprocessableInputException.class);
        assertThat(deal.stageKey()).isEqualTo("lead-generation");
    }

    @Test
    void wonDealIsClosedInTheWonStageAndCannotMoveOrBeWonAgain() {
        Deal deal = openDeal();
        deal.moveTo(sales, "closing", clock);
        clock.advance(Duration.ofDays(2));

        deal.win(sales, clock);

        assertThat(deal.status()).isEqualTo(DealStatus.WON);
        assertThat(deal.stageKey()).isEqualTo("won");
        assertThat(deal.recordedEvents())
                .last()
                .isEqualTo(
                        new DealWon("deal-1", "sales-1", "closing", "won", 172_800, TEN_THOUSAND_EUR, clock.instant()));
        assertThatThrownBy(() -> deal.moveTo(sales, "proposal", clock)).isInstanceOf(DealClosedException.class);
        assertThatThrownBy(() -> deal.win(sales, clock)).isInstanceOf(DealClosedException.class);
        assertThatThrownBy(() -> deal.lose(sales, "price", clock)).isInstanceOf(DealClosedException.class);
        assertThat(deal.isStaleAt(clock.instant().plus(Duration.ofDays(365))))
                .as("closed deals never rot")
                .isFalse();
    }

    @Test
    void lostNeedsAReasonFromThePipelinesList() {
        Deal deal = openDeal();

        assertThatThrownBy(() -> deal.lose(sales, "the moon was wrong", clock))
                .isInstanceOf(UnprocessableInputException.class)
                .hasMessageContaining("reason");
        assertThatThrownBy(() -> deal.lose(sales, " ", clock)).isInstanceOf(UnprocessableInputException.class);
        assertThat(deal.status()).isEqualTo(DealStatus.OPEN);

        deal.lose(sales, "competitor", clock);

        assertThat(deal.status()).isEqualTo(DealStatus.LOST);
        assertThat(deal.lostReason()).isEqualTo("competitor");
        assertThat(deal.recordedEvents()).last().isInstanceOfSatisfying(DealLost.class, lost -> {
            assertThat(lost.toStage()).isEqualTo("lost");
            assertThat(lost.reason()).isEqualTo("competitor");
        });
    }

    @Test
    void projectPipelineWithoutALostStageCannotLoseADeal() {
        Deal work = Deal.open(
                "t", "w-1", new DealDraft("Migrate", null, null, null, null, null, null, null, null), projects, clock);

        assertThatThrownBy(() -> work.lose(projects, "anything", clock)).isInstanceOf(ConflictException.class);
        work.win(projects, clock);
        assertThat(work.stageKey()).isEqualTo("done");
    }

    @Test
    void reopenReturnsADealToTheOpenStageItWasClosedFromOrAChosenOne() {
        Deal deal = openDeal();
        deal.moveTo(sales, "negotiation", clock);
        deal.lose(sales, "price", clock);

        deal.reopen(sales, null, clock);

        assertThat(deal.status()).isEqualTo(DealStatus.OPEN);
        assertThat(deal.stageKey()).isEqualTo("negotiation");
        assertThat(deal.lostReason()).isNull();
        assertThat(deal.recordedEvents()).last().isInstanceOfSatisfying(DealReopened.class, reopened -> {
            assertThat(reopened.fromStage()).isEqualTo("lost");
            assertThat(reopened.toStage()).isEqualTo("negotiation");
            assertThat(reopened.probability())
                    .as("the stage's, analytics needs it again")
                    .isEqualTo(75);
        });
        assertThatThrownBy(() -> deal.reopen(sales, null, clock)).isInstanceOf(DealClosedException.class);

        deal.edit(new DealEdit(null, null, null, null, null, 50, false, null), sales, clock);
        deal.win(sales, clock);
        deal.reopen(sales, "proposal", clock);
        assertThat(deal.stageKey()).isEqualTo("proposal");
        assertThat(deal.recordedEvents())
                .last()
                .isInstanceOfSatisfying(
                        DealReopened.class,
                        reopened -> assertThat(reopened.probability())
                                .as("the deal's own, even where it equals the stage's (proposal is 50 %)")
                                .isEqualTo(50));
    }

    @Test
    void probabilityOverrideWinsOverTheStageAndCanBeCleared() {
        Deal deal = openDeal();
        deal.edit(new DealEdit(null, null, null, null, null, 65, false, null), sales, clock);
        assertThat(deal.probability(sales)).isEqualTo(65);
        deal.moveTo(sales, "closing", clock);
        assertThat(deal.probability(sales)).as("override stays across moves").isEqualTo(65);

        deal.edit(new DealEdit(null, null, null, null, null, null, true, null), sales, clock);

        assertThat(deal.probability(sales)).isEqualTo(90);
        assertThat(deal.recordedEvents()).last().isInstanceOfSatisfying(DealUpdated.class, updated -> {
            assertThat(updated.changedFields()).containsExactly("probability");
            assertThat(updated.probability()).isEqualTo(90);
        });
    }

    @Test
    void editRecordsOnlyTheFieldsThatChanged() {
        Deal deal = openDeal();
        int before = deal.recordedEvents().size();

        deal.edit(
                new DealEdit("Acme – 50 seats", TEN_THOUSAND_EUR, "sam", null, null, null, false, null), sales, clock);
        assertThat(deal.recordedEvents()).as("nothing changed").hasSize(before);

        deal.edit(
                new DealEdit(null, new Money(1_200_000, "EUR"), "kim", null, null, null, false, Set.of()),
                sales,
                clock);
        assertThat(deal.recordedEvents())
                .last()
                .isInstanceOfSatisfying(
                        DealUpdated.class,
                        updated -> assertThat(updated.changedFields()).containsExactly("amount", "ownerId", "labels"));
    }

    @Test
    void dealIsStaleWithoutAnOpenActivityOrAfterItsStagesRottingDays() {
        Deal deal = openDeal();
        assertThat(deal.isStaleAt(clock.instant())).as("no next step").isTrue();

        DealActivity call = deal.addActivity(
                new ActivityDraft(ActivityType.CALL, "Intro call", T0.plus(Duration.ofDays(1))), sales, clock);
        assertThat(deal.isStaleAt(clock.instant())).isFalse();
        assertThat(deal.recordedEvents()).last().isInstanceOfSatisfying(DealUpdated.class, updated -> {
            assertThat(updated.changedFields()).containsExactly("activities", "stale");
            assertThat(updated.stale()).isFalse();
        });
        assertThat(deal.nextActivity()).contains(call);

        assertThat(deal.isStaleAt(T0.plus(Duration.ofDays(14)).minusMillis(1))).isFalse();
        assertThat(deal.isStaleAt(T0.plus(Duration.ofDays(14))))
                .as("lead generation rots after 14 days")
                .isTrue();

        deal.markActivity(call.id(), true, sales, clock);
        assertThat(deal.isStaleAt(clock.instant()))
                .as("its only activity is done")
                .isTrue();
    }

    @Test
    void dailyCheckPublishesOnlyAFlipOfStaleness() {
        Deal deal = openDeal();
        deal.addActivity(new ActivityDraft(ActivityType.TASK, "Send proposal", null), sales, clock);
        int events = deal.recordedEvents().size();

        deal.checkStaleness(sales, clock);
        assertThat(deal.recordedEvents()).as("still fresh").hasSize(events);

        clock.advance(Duration.ofDays(15));
        deal.checkStaleness(sales, clock);
        deal.checkStaleness(sales, clock);

        assertThat(deal.recordedEvents())
                .hasSize(events + 1)
                .last()
                .isInstanceOfSatisfying(DealUpdated.class, updated -> {
                    assertThat(updated.changedFields()).containsExactly("stale");
                    assertThat(updated.stale()).isTrue();
                });
        assertThat(deal.stale()).isTrue();
    }

    @Test
    void relocationFromARemovedStageIsAStageChange() {
        Deal deal = openDeal();
        deal.moveTo(sales, "nurturing", clock);
        var withoutNurturing = new io.stageflow.deal.pipelines.PipelineDefinition(
                "Sales",
                null,
                sales.stages().stream()
                        .filter(s -> !s.key().equals("nurturing"))
                        .toList(),
                sales.lostReasons());
        sales.redefine(
                withoutNurturing, java.util.Map.of("nurturing", "proposal"), java.util.Map.of("nurturing", 1L), clock);

        deal.relocate(sales, "nurturing", "proposal", clock);

        assertThat(deal.stageKey()).isEqualTo("proposal");
        assertThat(deal.recordedEvents()).last().isInstanceOfSatisfying(StageChanged.class, changed -> {
            assertThat(changed.fromStage()).isEqualTo("nurturing");
            assertThat(changed.toStage()).isEqualTo("proposal");
        });
    }

    @Test
    void anEmptyOwnerOrCompanyClearsItAndNullLeavesItAlone() {
        Deal deal = openDeal();

        deal.edit(new DealEdit(null, null, null, null, null, null, false, null), sales, clock);
        assertThat(deal.ownerId()).isEqualTo("sam");

        deal.edit(new DealEdit(null, null, "", "", null, null, false, null), sales, clock);

        assertThat(deal.ownerId()).isNull();
        assertThat(deal.company()).isNull();
        assertThat(deal.recordedEvents())
                .last()
                .isInstanceOfSatisfying(
                        DealUpdated.class,
                        updated -> assertThat(updated.changedFields()).containsExactly("ownerId", "company"));
    }
}
