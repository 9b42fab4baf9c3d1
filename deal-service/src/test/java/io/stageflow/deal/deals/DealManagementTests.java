package io.stageflow.deal.deals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.stageflow.deal.pipelines.DefaultPipelines;
import io.stageflow.deal.pipelines.Pipeline;
import io.stageflow.deal.pipelines.PipelineManagement;
import io.stageflow.platform.outbox.AggregateStore;
import io.stageflow.testsupport.MutableClock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.dao.OptimisticLockingFailureException;

class DealManagementTests {

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
    final Pipeline sales = Pipeline.define("tenant-a", "sales-1", DefaultPipelines.SALES, clock);
    final Deals deals = mock(Deals.class);
    final PipelineManagement pipelines = mock(PipelineManagement.class);
    final AggregateStore aggregates = mock(AggregateStore.class);
    final DealManagement management = new DealManagement(deals, pipelines, aggregates, clock);

    DealManagementTests() {
        when(pipelines.get("tenant-a", "sales-1")).thenReturn(sales);
        // every read answers the deal as stored: a fresh copy
        when(deals.findById("deal-1"))
                .thenAnswer(read -> Optional.of(Deal.open(
                        "tenant-a",
                        "deal-1",
                        new DealDraft("Acme", null, null, null, null, null, null, null, Set.of()),
                        sales,
                        clock)));
    }

    @Test
    void moveWithoutIfMatchIsAppliedAgainToTheNewestVersionWhenAnotherSaveCameFirst() {
        when(aggregates.save(any(Deal.class)))
                .thenThrow(new OptimisticLockingFailureException("changed meanwhile"))
                .thenAnswer(save -> save.getArgument(0));

        var moved = management.move("tenant-a", "deal-1", null, "proposal");

        assertThat(moved.deal().stageKey()).isEqualTo("proposal");
        verify(deals, times(2)).findById("deal-1");
    }

    @Test
    void moveWithIfMatchHandsTheConflictBack() {
        when(aggregates.save(any(Deal.class))).thenThrow(new OptimisticLockingFailureException("changed meanwhile"));

        assertThatThrownBy(() -> management.move("tenant-a", "deal-1", 0L, "proposal"))
                .isInstanceOf(OptimisticLockingFailureException.class);
        verify(deals, times(1)).findById("deal-1");
    }
}
