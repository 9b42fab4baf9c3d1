package io.stageflow.deal.deals;

import java.time.Instant;
import java.util.List;

public interface DealSearchRepository {

    Page search(String tenantId, DealSearch search, Instant now);

    record Page(List<Deal> items, String nextCursor) {}
}
