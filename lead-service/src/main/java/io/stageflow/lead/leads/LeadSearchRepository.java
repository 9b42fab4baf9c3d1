package io.stageflow.lead.leads;

import java.util.List;

public interface LeadSearchRepository {

    /** One page of a tenant's leads; {@code nextCursor} is null on the last page. */
    Page search(String tenantId, LeadSearch search);

    record Page(List<Lead> items, String nextCursor) {}
}
