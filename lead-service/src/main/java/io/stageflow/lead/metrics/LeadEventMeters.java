package io.stageflow.lead.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.stageflow.events.lead.LeadConverted;
import io.stageflow.events.lead.LeadCreated;
import io.stageflow.events.lead.LeadDisqualified;
import io.stageflow.events.lead.LeadErased;
import io.stageflow.events.lead.LeadEvent;
import io.stageflow.events.lead.LeadQualified;
import io.stageflow.events.lead.LeadUpdated;
import io.stageflow.platform.metrics.EventMeters;
import org.springframework.stereotype.Component;

/**
 * Leads added by source ({@code stageflow.leads.added}; Prometheus reserves a {@code _created} suffix) and status transitions
 * ({@code stageflow.leads.transitions} from → to). The source is a validated lower-case key, never free text.
 */
@Component
class LeadEventMeters implements EventMeters {

    @Override
    public void count(Object event, MeterRegistry meters) {
        if (!(event instanceof LeadEvent lead)) {
            return;
        }
        switch (lead) {
            case LeadCreated created ->
                meters.counter(
                                "stageflow.leads.added",
                                "source",
                                created.source() == null ? "unknown" : created.source())
                        .increment();
            case LeadQualified qualified -> transition(meters, qualified.fromStatus(), qualified.toStatus());
            case LeadDisqualified disqualified -> transition(meters, disqualified.fromStatus(), "DISQUALIFIED");
            case LeadConverted converted ->
                meters.counter("stageflow.leads.converted").increment();
            case LeadUpdated updated -> {}
            case LeadErased erased -> meters.counter("stageflow.leads.erased").increment();
        }
    }

    private static void transition(MeterRegistry meters, String from, String to) {
        meters.counter("stageflow.leads.transitions", "from", from, "to", to).increment();
    }
}
