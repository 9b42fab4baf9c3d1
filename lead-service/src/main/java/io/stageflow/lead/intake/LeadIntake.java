package io.stageflow.lead.intake;

import io.stageflow.lead.intake.IntakeOutcome.Result;
import io.stageflow.lead.leads.EmailLookup;
import io.stageflow.lead.leads.Lead;
import io.stageflow.lead.leads.LeadDraft;
import io.stageflow.lead.leads.LeadScorer;
import io.stageflow.lead.leads.LeadValidation;
import io.stageflow.lead.leads.Leads;
import io.stageflow.platform.outbox.AggregateStore;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * The one way leads arrive from machines (marketing automation on Kafka or HTTP, CSV imports): create a
 * lead for an unknown email, merge into the known one otherwise. Works a batch at a time, reading all
 * known leads of the batch in one query and inserting the new ones in one write, because the store's
 * bulk rate, not its single-write rate, decides how fast intake is.
 */
@Service
public class LeadIntake {

    private static final int MAX_ATTEMPTS = 5;

    private final Leads leads;
    private final EmailLookup emails;
    private final AggregateStore aggregates;
    private final MongoTemplate mongo;
    private final LeadScorer scorer;
    private final Clock clock;

    public LeadIntake(
            Leads leads,
            EmailLookup emails,
            AggregateStore aggregates,
            MongoTemplate mongo,
            LeadScorer scorer,
            Clock clock) {
        this.leads = leads;
        this.emails = emails;
        this.aggregates = aggregates;
        this.mongo = mongo;
        this.scorer = scorer;
        this.clock = clock;
    }

    /** One outcome per draft, in the drafts' order. */
    public List<IntakeOutcome> capture(String tenantId, List<LeadDraft> drafts) {
        IntakeOutcome[] outcomes = new IntakeOutcome[drafts.size()];
        Map<String, Lead> known = knownLeads(tenantId, drafts);
        Map<String, Lead> created = new LinkedHashMap<>();
        Map<String, Lead> merged = new LinkedHashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            LeadDraft draft = drafts.get(i);
            var problems = LeadValidation.problems(draft);
            if (!problems.isEmpty()) {
                outcomes[i] = IntakeOutcome.rejected(problems);
                continue;
            }
            String key = Lead.normaliseEmail(draft.email());
            Lead lead = known.get(key);
            if (lead == null) {
                lead = Lead.create(tenantId, draft, scorer, clock);
                known.put(key, lead);
                created.put(key, lead);
                outcomes[i] = IntakeOutcome.of(Result.CREATED, lead.id());
            } else if (lead.merge(draft, scorer, clock)) {
                if (!created.containsKey(key)) {
                    merged.put(key, lead);
                }
                outcomes[i] = IntakeOutcome.of(Result.MERGED, lead.id());
            } else {
                outcomes[i] = IntakeOutcome.of(Result.UNCHANGED, lead.id());
            }
        }
        insert(tenantId, drafts, created, outcomes);
        merged.values().forEach(lead -> saveMerged(tenantId, lead, drafts, outcomes));
        return List.of(outcomes);
    }

    private Map<String, Lead> knownLeads(String tenantId, List<LeadDraft> drafts) {
        Set<String> keys = drafts.stream()
                .map(LeadDraft::email)
                .filter(java.util.Objects::nonNull)
                .map(Lead::normaliseEmail)
                .collect(Collectors.toSet());
        return new LinkedHashMap<>(emails.findAll(tenantId, keys));
    }

    private void insert(String tenantId, List<LeadDraft> drafts, Map<String, Lead> created, IntakeOutcome[] outcomes) {
        if (created.isEmpty()) {
            return;
        }
        try {
            mongo.insertAll(created.values());
            emails.remember(created.values());
        } catch (DuplicateKeyException raced) {
            // Another instance created some of these emails meanwhile: keep what we inserted, and merge the
            // rest into the leads that won.
            Set<String> notInserted =
                    created.values().stream().map(Lead::id).collect(Collectors.toCollection(HashSet::new));
            leads.findAllById(List.copyOf(notInserted)).forEach(lead -> notInserted.remove(lead.id()));
            for (int i = 0; i < drafts.size(); i++) {
                if (outcomes[i].leadId() != null && notInserted.contains(outcomes[i].leadId())) {
                    outcomes[i] = captureOne(tenantId, drafts.get(i));
                }
            }
        }
    }

    private void saveMerged(String tenantId, Lead lead, List<LeadDraft> drafts, IntakeOutcome[] outcomes) {
        try {
            aggregates.save(lead);
        } catch (OptimisticLockingFailureException changedMeanwhile) {
            for (int i = 0; i < drafts.size(); i++) {
                if (lead.id().equals(outcomes[i].leadId()) && outcomes[i].result() != Result.REJECTED) {
                    outcomes[i] = captureOne(tenantId, drafts.get(i));
                }
            }
        }
    }

    /** The careful path for one draft, used when a concurrent writer got in the way of the batch. */
    private IntakeOutcome captureOne(String tenantId, LeadDraft draft) {
        String key = Lead.normaliseEmail(draft.email());
        for (int attempt = 1; ; attempt++) {
            try {
                var existing = emails.find(tenantId, key).or(() -> leads.findByTenantIdAndEmailKey(tenantId, key));
                if (existing.isEmpty()) {
                    return IntakeOutcome.of(
                            Result.CREATED,
                            leads.insert(Lead.create(tenantId, draft, scorer, clock))
                                    .id());
                }
                Lead lead = existing.get();
                if (!lead.merge(draft, scorer, clock)) {
                    return IntakeOutcome.of(Result.UNCHANGED, lead.id());
                }
                return IntakeOutcome.of(Result.MERGED, aggregates.save(lead).id());
            } catch (DuplicateKeyException | OptimisticLockingFailureException contended) {
                if (attempt == MAX_ATTEMPTS) {
                    throw contended;
                }
            }
        }
    }
}
