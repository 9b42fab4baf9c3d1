package io.stageflow.analytics.leadfunnel;

import java.time.Instant;
import java.util.List;

/** Leads created in a period, in all and per source (the channel that brought them). */
public record LeadFunnel(Instant from, Instant to, long created, List<SourceCount> bySource) {

    public record SourceCount(String source, long created) {}
}
