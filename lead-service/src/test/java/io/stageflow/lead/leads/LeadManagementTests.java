package io.stageflow.lead.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.stageflow.platform.idempotency.IdempotencyRecords;
import io.stageflow.platform.outbox.AggregateStore;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.dao.OptimisticLockingFailureException;

/** How a person's action meets a concurrent change of the same lead (the intake merging engagement into it). */
class LeadManagementTests {

    final Clock clock = LeadFixtures.clockAt(LeadFixtures.T0);
    final LeadScorer scorer = LeadFixtures.scoring();
    final Leads leads = mock(Leads.class);
    final AggregateStore aggregates = mock(AggregateStore.class);
    final LeadManagement management = new LeadManagement(
            leads, mock(EmailLookup.class), aggregates, scorer, mock(IdempotencyRecords.class), clock);
    final Lead stored = Lead.create("tenant-a", LeadFixtures.draft("ada@example.com"), scorer, clock);

    LeadManagementTests() {
        // every read answers the lead as stored: a fresh copy
        when(leads.findById(stored.id()))
                .thenAnswer(read ->
                        Optional.of(Lead.create("tenant-a", LeadFixtures.draft("ada@example.com"), scorer, clock)));
    }

    @Test
    void actionWithoutIfMatchIsAppliedAgainToTheNewestVersionWhenAnotherSaveCameFirst() {
        when(aggregates.save(any(Lead.class)))
                .thenThrow(new OptimisticLockingFailureException("changed meanwhile"))
                .thenAnswer(save -> save.getArgument(0));

        Lead qualified = management.qualify("tenant-a", stored.id(), null);

        assertThat(qualified.status()).isEqualTo(LeadStatus.SQL);
        verify(leads, times(2)).findById(stored.id());
    }

    @Test
    void actionWithIfMatchHandsTheConflictBack() {
        when(aggregates.save(any(Lead.class))).thenThrow(new OptimisticLockingFailureException("changed meanwhile"));

        assertThatThrownBy(() -> management.qualify("tenant-a", stored.id(), 0L))
                .isInstanceOf(OptimisticLockingFailureException.class);
        verify(leads, times(1)).findById(stored.id());
    }
}
