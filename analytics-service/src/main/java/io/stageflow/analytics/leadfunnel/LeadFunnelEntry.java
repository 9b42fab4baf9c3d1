package io.stageflow.analytics.leadfunnel;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One lead as the lead funnel sees it: no contact details, only what the funnel counts. {@code sequence}
 * is the last lead event applied to it.
 */
@Document("lead_funnel_entries")
@CompoundIndex(name = "tenant_created", def = "{'tenantId': 1, 'createdAt': 1}")
record LeadFunnelEntry(
        @Id String id, String tenantId, String leadId, String source, String status, Instant createdAt, long sequence) {

    static String idOf(String tenantId, String leadId) {
        return tenantId + ":" + leadId;
    }
}
