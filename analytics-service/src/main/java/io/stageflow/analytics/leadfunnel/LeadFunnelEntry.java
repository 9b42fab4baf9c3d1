package io.stageflow.analytics.leadfunnel;

import io.stageflow.events.lead.LeadConverted;
import io.stageflow.events.lead.LeadCreated;
import io.stageflow.events.lead.LeadDisqualified;
import io.stageflow.events.lead.LeadErased;
import io.stageflow.events.lead.LeadEvent;
import io.stageflow.events.lead.LeadQualified;
import io.stageflow.events.lead.LeadUpdated;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One lead as the lead funnel sees it: no contact details, only what the funnel counts. {@code statuses} is every
 * status the lead was in, with the instants the events carry, so the funnel can be asked "as of" any instant;
 * {@code status} is the last of them. {@code campaign} is the UTM campaign the lead was created with, {@code dealId}
 * the deal its conversion opened (joined with the deal's history when asked whether it was won). {@code sequence}
 * is the last lead event applied to it.
 *
 * <p>{@code untallied} is set by every write of the projection and removed by the lead tallier once the lead's share
 * of its tenant's tally is counted again (ADR 0014); a sparse index holds just the marked entries. The tally asks for
 * an entry by its deal (tenant_deal) when the deal's outcome changed.
 */
@Document("lead_funnel_entries")
@CompoundIndex(name = "tenant_created", def = "{'tenantId': 1, 'createdAt': 1}")
@CompoundIndex(name = "tenant_deal", def = "{'tenantId': 1, 'dealId': 1}")
@CompoundIndex(name = "untallied", def = "{'untallied': 1}", sparse = true)
record LeadFunnelEntry(
        @Id String id,
        String tenantId,
        String leadId,
        String source,
        String campaign,
        String status,
        Instant createdAt,
        List<StatusStay> statuses,
        String dealId,
        // a wrapper: entries stored before erasure was recorded have no such field and must still be read
        Boolean erased,
        long sequence,
        Boolean untallied) {

    /** A stay in one status; {@code leftAt} null while the lead is still in it. */
    record StatusStay(String status, Instant enteredAt, Instant leftAt) {}

    static String idOf(String tenantId, String leadId) {
        return tenantId + ":" + leadId;
    }

    /** A lead's entry begins with its creation, always its sequence-1 event. */
    static LeadFunnelEntry created(String tenantId, LeadCreated created, long sequence) {
        return new LeadFunnelEntry(
                idOf(tenantId, created.leadId()),
                tenantId,
                created.leadId(),
                created.source(),
                created.utm() == null ? null : blankToNull(created.utm().campaign()),
                created.status(),
                created.createdAt(),
                List.of(new StatusStay(created.status(), created.createdAt(), null)),
                null,
                false,
                sequence,
                true);
    }

    /** This entry with one more event, which follows the last one applied. */
    LeadFunnelEntry then(LeadEvent event, long sequence) {
        return switch (event) {
            // lead.updated names the status after every edit; only a different one is a move
            case LeadUpdated updated ->
                updated.status() == null ? at(sequence) : moveTo(updated.status(), updated.updatedAt(), sequence);
            case LeadQualified qualified -> moveTo(qualified.toStatus(), qualified.qualifiedAt(), sequence);
            case LeadDisqualified disqualified -> moveTo("DISQUALIFIED", disqualified.disqualifiedAt(), sequence);
            case LeadConverted converted ->
                moveTo("CONVERTED", converted.convertedAt(), sequence).withDeal(converted.dealId());
            // the funnel keeps the anonymous fact that a lead existed and how far it got; nothing personal is here
            case LeadErased erased ->
                new LeadFunnelEntry(
                        id, tenantId, leadId, source, campaign, status, createdAt, statuses, dealId, true, sequence,
                        true);
            case LeadCreated created ->
                throw new IllegalStateException("lead " + leadId + " was created before, at sequence 1");
        };
    }

    /** The furthest step the lead's own statuses reached by {@code asOf}; {@link LeadStep#WON} needs the deal. */
    LeadStep reachedBy(Instant asOf) {
        LeadStep reached = LeadStep.CREATED;
        for (StatusStay stay : history()) {
            LeadStep step = LeadStep.reachedIn(stay.status());
            if (step != null && !stay.enteredAt().isAfter(asOf) && step.atLeast(reached)) {
                reached = step;
            }
        }
        return reached;
    }

    /**
     * The furthest step reached by {@code asOf}, {@link LeadStep#WON} when the lead was converted by then and
     * {@code dealWon} says its deal was won at {@code asOf}.
     */
    LeadStep reachedBy(Instant asOf, boolean dealWon) {
        LeadStep reached = reachedBy(asOf);
        return reached == LeadStep.CONVERTED && dealId != null && dealWon ? LeadStep.WON : reached;
    }

    /** Whether the lead was disqualified at {@code asOf}: the funnel counts those apart. */
    boolean disqualifiedAt(Instant asOf) {
        return "DISQUALIFIED".equals(statusAt(asOf));
    }

    /** The latest instant of any event applied: at or after it, the lead is as it is now. */
    Instant latestAt() {
        Instant latest = createdAt;
        for (StatusStay stay : history()) {
            if (stay.enteredAt().isAfter(latest)) {
                latest = stay.enteredAt();
            }
        }
        return latest;
    }

    /** The status the lead was in at {@code asOf}: the last one entered at or before it, in event order. */
    String statusAt(Instant asOf) {
        String at = history().getFirst().status();
        for (StatusStay stay : history()) {
            if (!stay.enteredAt().isAfter(asOf)) {
                at = stay.status();
            }
        }
        return at;
    }

    /**
     * The stays, or for an entry written before they were kept, the one status it knew since creation; a rebuild
     * (POST /api/v1/analytics/rebuild) gives such entries their history.
     */
    private List<StatusStay> history() {
        return statuses == null ? List.of(new StatusStay(status, createdAt, null)) : statuses;
    }

    private LeadFunnelEntry moveTo(String next, Instant at, long sequence) {
        if (Objects.equals(next, status)) {
            return at(sequence);
        }
        List<StatusStay> moved = new ArrayList<>(history());
        StatusStay current = moved.removeLast();
        moved.add(new StatusStay(current.status(), current.enteredAt(), at));
        moved.add(new StatusStay(next, at, null));
        return new LeadFunnelEntry(
                id,
                tenantId,
                leadId,
                source,
                campaign,
                next,
                createdAt,
                List.copyOf(moved),
                dealId,
                erased,
                sequence,
                true);
    }

    private LeadFunnelEntry at(long sequence) {
        return new LeadFunnelEntry(
                id, tenantId, leadId, source, campaign, status, createdAt, statuses, dealId, erased, sequence, true);
    }

    private LeadFunnelEntry withDeal(String deal) {
        return new LeadFunnelEntry(
                id, tenantId, leadId, source, campaign, status, createdAt, statuses, deal, erased, sequence, true);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
