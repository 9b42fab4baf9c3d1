package io.stageflow.lead.leads;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Finds a tenant's lead by email through a document keyed by tenant and email, so the lookup is a
 * primary-key read on every store. (The embedded store answers queries on other fields by scanning the
 * collection, which made every create cost O(leads).) The unique index on leads stays the truth: an
 * entry here is a pointer that may be missing or stale, and every lookup checks the lead it points to.
 */
@Component
public class EmailLookup {

    @Document("lead_emails")
    record EmailEntry(@Id String id, String leadId) {}

    private final MongoTemplate mongo;
    private final Leads leads;

    public EmailLookup(MongoTemplate mongo, Leads leads) {
        this.mongo = mongo;
        this.leads = leads;
    }

    public Optional<Lead> find(String tenantId, String emailKey) {
        return Optional.ofNullable(mongo.findById(idOf(tenantId, emailKey), EmailEntry.class))
                .flatMap(entry -> leads.findById(entry.leadId()))
                .filter(lead -> lead.tenantId().equals(tenantId) && emailKey.equals(lead.email()));
    }

    /** The tenant's leads for these emails, by email; emails without a lead are absent. */
    public Map<String, Lead> findAll(String tenantId, Collection<String> emailKeys) {
        List<String> ids = emailKeys.stream().map(key -> idOf(tenantId, key)).toList();
        List<String> leadIds = mongo.find(Query.query(Criteria.where("_id").in(ids)), EmailEntry.class).stream()
                .map(EmailEntry::leadId)
                .toList();
        return leads.findAllById(leadIds).stream()
                .filter(lead ->
                        lead.tenantId().equals(tenantId) && lead.email() != null && emailKeys.contains(lead.email()))
                .collect(Collectors.toMap(Lead::email, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    /** Points the leads' emails at them (after they were stored). */
    public void remember(Collection<Lead> stored) {
        if (stored.isEmpty()) {
            return;
        }
        var writes = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, EmailEntry.class);
        for (Lead lead : stored) {
            String id = idOf(lead.tenantId(), lead.email());
            writes.replaceOne(
                    Query.query(Criteria.where("_id").is(id)),
                    new EmailEntry(id, lead.id()),
                    FindAndReplaceOptions.options().upsert());
        }
        writes.execute();
    }

    /** Forgets an email (erasure): the pointer itself is personal data. */
    public void forget(String tenantId, String emailKey) {
        mongo.remove(Query.query(Criteria.where("_id").is(idOf(tenantId, emailKey))), EmailEntry.class);
    }

    private static String idOf(String tenantId, String emailKey) {
        return tenantId + ":" + emailKey;
    }
}
