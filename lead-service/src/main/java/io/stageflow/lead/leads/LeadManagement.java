package io.stageflow.lead.leads;

import io.stageflow.platform.idempotency.IdempotencyRecords;
import io.stageflow.platform.outbox.AggregateStore;
import io.stageflow.platform.web.IfMatch;
import io.stageflow.platform.web.InvalidInputException;
import io.stageflow.platform.web.ResourceNotFoundException;
import java.time.Clock;
import java.util.function.Consumer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/** Lead use cases for people, always within the caller's tenant. */
@Service
public class LeadManagement {

    private static final int MAX_ATTEMPTS = 3;

    private final Leads leads;
    private final EmailLookup emails;
    private final AggregateStore aggregates;
    private final LeadScorer scorer;
    private final IdempotencyRecords keptResponses;
    private final Clock clock;

    public LeadManagement(
            Leads leads,
            EmailLookup emails,
            AggregateStore aggregates,
            LeadScorer scorer,
            IdempotencyRecords keptResponses,
            Clock clock) {
        this.leads = leads;
        this.emails = emails;
        this.aggregates = aggregates;
        this.scorer = scorer;
        this.keptResponses = keptResponses;
        this.clock = clock;
    }

    public Lead create(String tenantId, LeadDraft draft) {
        var problems = LeadValidation.problems(draft);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String emailKey = Lead.normaliseEmail(draft.email());
        leads.findByTenantIdAndEmailKey(tenantId, emailKey).ifPresent(existing -> {
            throw new DuplicateLeadException(existing.id());
        });
        try {
            return leads.save(Lead.create(tenantId, draft, scorer, clock));
        } catch (DuplicateKeyException raced) {
            // another request created the same email between our check and our insert
            String existingId = leads.findByTenantIdAndEmailKey(tenantId, emailKey)
                    .map(Lead::id)
                    .orElseThrow(() -> raced);
            throw new DuplicateLeadException(existingId);
        }
    }

    public Lead get(String tenantId, String id) {
        return leads.findById(id)
                .filter(lead -> lead.tenantId().equals(tenantId))
                .orElseThrow(() -> new ResourceNotFoundException("Lead", id));
    }

    public LeadSearchRepository.Page search(String tenantId, LeadSearch search) {
        return leads.search(tenantId, search);
    }

    public Lead edit(String tenantId, String id, Long expectedVersion, LeadEdit edit) {
        var problems = LeadValidation.problems(edit.profile(), edit.ownerId(), edit.tags(), edit.attributes());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return change(tenantId, id, expectedVersion, lead -> lead.edit(edit, scorer, clock));
    }

    public Lead qualify(String tenantId, String id, Long expectedVersion) {
        return change(tenantId, id, expectedVersion, lead -> lead.qualify(scorer, clock));
    }

    public Lead disqualify(String tenantId, String id, Long expectedVersion, String reason) {
        return change(tenantId, id, expectedVersion, lead -> lead.disqualify(reason, clock));
    }

    public Lead convert(String tenantId, String id, Long expectedVersion, Conversion conversion) {
        if (conversion.amount() != null) {
            conversion.amount().toMinorUnits("amount"); // 400 before anything changes
        }
        return change(tenantId, id, expectedVersion, lead -> lead.convert(conversion, clock));
    }

    /**
     * GDPR erasure; erasing an erased lead again is a no-op, so a retried DELETE is harmless. The kept
     * response of the POST that created the lead (it holds the email) is forgotten too.
     */
    public void erase(String tenantId, String id) {
        change(tenantId, id, null, lead -> {
            if (lead.email() != null) {
                emails.forget(tenantId, lead.email());
            }
            lead.erase(clock);
        });
        keptResponses.forgetResponsesAbout(tenantId, "/api/v1/leads/" + id);
    }

    /**
     * Applies a person's change. Without {@code If-Match} the caller asked for the action whatever else changed (the
     * intake merging engagement into the same lead is common), so a concurrent save is answered by applying the
     * change again to the newest version, which re-checks whether it is still allowed; with it, the conflict goes
     * back to the caller.
     */
    private Lead change(String tenantId, String id, Long expectedVersion, Consumer<Lead> change) {
        for (int attempt = 1; ; attempt++) {
            Lead lead = get(tenantId, id);
            IfMatch.check(expectedVersion, lead.version());
            change.accept(lead);
            try {
                return lead.recordedEvents().isEmpty() ? lead : aggregates.save(lead);
            } catch (OptimisticLockingFailureException changedMeanwhile) {
                if (expectedVersion != null || attempt == MAX_ATTEMPTS) {
                    throw changedMeanwhile;
                }
            }
        }
    }
}
