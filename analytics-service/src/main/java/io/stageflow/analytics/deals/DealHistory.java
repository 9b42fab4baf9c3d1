package io.stageflow.analytics.deals;

import io.stageflow.events.Money;
import io.stageflow.events.deal.DealCreated;
import io.stageflow.events.deal.DealEvent;
import io.stageflow.events.deal.DealLost;
import io.stageflow.events.deal.DealReopened;
import io.stageflow.events.deal.DealUpdated;
import io.stageflow.events.deal.DealWon;
import io.stageflow.events.deal.PipelineDefined;
import io.stageflow.events.deal.StageChanged;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Everything that ever happened to one deal that analytics counts, with the instant it happened: its stage
 * visits, its status changes and, after each event, its amount, probability, owner, expected close date and
 * stale flag. The state at any instant is read from these lists ({@link #at}), never from a latest-state field,
 * so every report can be asked "as of" a past instant. {@code sequence} is the deal's last event applied.
 *
 * <p>Instants are the ones the events carry ({@code changedAt}, {@code wonAt} …): when it happened at
 * deal-service, not when analytics heard of it.
 *
 * <p>{@code untallied} is set by every write of the projection and removed by the deal tallier once the deal's
 * share of its pipeline's tally is counted again (ADR 0014); a sparse index holds just the marked histories.
 */
@Document("deal_histories")
@CompoundIndex(name = "tenant_pipeline", def = "{'tenantId': 1, 'pipelineId': 1}")
@CompoundIndex(name = "untallied", def = "{'untallied': 1}", sparse = true)
record DealHistory(
        @Id String id,
        String tenantId,
        String dealId,
        String pipelineId,
        Instant createdAt,
        List<StageVisit> stages,
        List<StatusChange> statuses,
        List<Revision> revisions,
        long sequence,
        Boolean untallied) {

    /** A stay in one stage; {@code leftAt} null while the deal is still there. */
    record StageVisit(String stageKey, Instant enteredAt, Instant leftAt) {}

    /** The deal became {@code status} at {@code at}; {@code lostReason} only for LOST. */
    record StatusChange(DealStatus status, Instant at, String lostReason) {}

    /**
     * The deal's values after one event. {@code probability} is null when the event did not publish it (won, lost,
     * reopened): see {@link #probabilityAt}. {@code expectedCloseDate} is an ISO day, stored as text so that no
     * time zone can shift it.
     */
    record Revision(
            Instant at, Money amount, Integer probability, String ownerId, String expectedCloseDate, boolean stale) {}

    /** The deal at one instant, as read from its history. {@code statusSince} is when it became won or lost. */
    record DealState(
            String stageKey,
            DealStatus status,
            Instant statusSince,
            Money amount,
            int probability,
            String ownerId,
            LocalDate expectedCloseDate,
            boolean stale) {

        boolean open() {
            return status == DealStatus.OPEN;
        }
    }

    static String idOf(String tenantId, String dealId) {
        return tenantId + ":" + dealId;
    }

    /** A deal's history begins with its creation, always its sequence-1 event. */
    static DealHistory created(String tenantId, DealCreated created, long sequence) {
        return new DealHistory(
                idOf(tenantId, created.dealId()),
                tenantId,
                created.dealId(),
                created.pipelineId(),
                created.createdAt(),
                List.of(new StageVisit(created.stageKey(), created.createdAt(), null)),
                List.of(new StatusChange(DealStatus.OPEN, created.createdAt(), null)),
                List.of(new Revision(
                        created.createdAt(),
                        created.amount(),
                        created.probability(),
                        created.ownerId(),
                        day(created.expectedCloseDate()),
                        created.stale())),
                sequence,
                true);
    }

    /** This history with one more event, which follows the last one applied. */
    DealHistory then(DealEvent event, long sequence) {
        Revision last = revisions.getLast();
        return switch (event) {
            case StageChanged changed ->
                with(
                        moveTo(changed.toStage(), changed.changedAt()),
                        statuses,
                        new Revision(
                                changed.changedAt(),
                                changed.amount(),
                                changed.probability(),
                                last.ownerId(),
                                last.expectedCloseDate(),
                                changed.stale()),
                        sequence);
            case DealWon won ->
                with(
                        moveTo(won.toStage(), won.wonAt()),
                        append(statuses, new StatusChange(DealStatus.WON, won.wonAt(), null)),
                        new Revision(won.wonAt(), won.amount(), null, last.ownerId(), last.expectedCloseDate(), false),
                        sequence);
            case DealLost lost ->
                with(
                        moveTo(lost.toStage(), lost.lostAt()),
                        append(statuses, new StatusChange(DealStatus.LOST, lost.lostAt(), lost.reason())),
                        new Revision(
                                lost.lostAt(), lost.amount(), null, last.ownerId(), last.expectedCloseDate(), false),
                        sequence);
            case DealReopened reopened ->
                with(
                        moveTo(reopened.toStage(), reopened.reopenedAt()),
                        append(statuses, new StatusChange(DealStatus.OPEN, reopened.reopenedAt(), null)),
                        new Revision(
                                reopened.reopenedAt(),
                                last.amount(),
                                reopened.probability(), // null in events from before it was published
                                last.ownerId(),
                                last.expectedCloseDate(),
                                reopened.stale()),
                        sequence);
            // deal.updated carries every value after the change, not only the changed ones
            case DealUpdated updated ->
                with(
                        stages,
                        statuses,
                        new Revision(
                                updated.updatedAt(),
                                updated.amount(),
                                updated.probability(),
                                updated.ownerId(),
                                day(updated.expectedCloseDate()),
                                updated.stale()),
                        sequence);
            case DealCreated created ->
                throw new IllegalStateException("deal " + dealId + " was created before, at sequence 1");
            case PipelineDefined defined -> throw new IllegalArgumentException("not a deal event: " + defined);
        };
    }

    /** The deal at {@code instant}, read with the pipeline version of that instant; empty before it was created. */
    Optional<DealState> at(Instant instant, PipelineDefinition.Version pipeline) {
        if (createdAt.isAfter(instant)) {
            return Optional.empty();
        }
        StatusChange status = lastAtOrBefore(statuses, instant, StatusChange::at);
        Revision revision = lastAtOrBefore(revisions, instant, Revision::at);
        return Optional.of(new DealState(
                stageAt(instant),
                status.status(),
                status.at(),
                revision.amount(),
                probabilityAt(instant, pipeline),
                revision.ownerId(),
                revision.expectedCloseDate() == null ? null : LocalDate.parse(revision.expectedCloseDate()),
                revision.stale()));
    }

    /** The latest instant of any event applied: at or after it, the deal is as it is now. */
    Instant latestAt() {
        Instant latest = createdAt;
        for (Revision revision : revisions) {
            if (revision.at().isAfter(latest)) {
                latest = revision.at();
            }
        }
        return latest;
    }

    /** The stage visits begun by {@code instant}; a visit left only after it is still ongoing then. */
    List<StageVisit> visitsUntil(Instant instant) {
        return stages.stream()
                .filter(visit -> !visit.enteredAt().isAfter(instant))
                .map(visit -> visit.leftAt() != null && visit.leftAt().isAfter(instant)
                        ? new StageVisit(visit.stageKey(), visit.enteredAt(), null)
                        : visit)
                .toList();
    }

    /** The status changes made by {@code instant}, in order. */
    List<StatusChange> statusesUntil(Instant instant) {
        return statuses.stream().filter(s -> !s.at().isAfter(instant)).toList();
    }

    /**
     * The probability in effect at {@code instant}. Won and lost do not publish it; reopened does (events published
     * before it did not). For those older reopenings the last published value tells which applies: if it differed
     * from what its stage gives, it was the deal's own and still holds; otherwise the reopened deal takes its
     * current stage's probability (ambiguous only when the deal's own equalled its stage's).
     */
    int probabilityAt(Instant instant, PipelineDefinition.Version pipeline) {
        int current = lastIndexAtOrBefore(revisions, instant, Revision::at);
        Integer stageProbability = pipeline.stage(stageAt(instant))
                .map(PipelineDefinition.Stage::probability)
                .orElse(null);
        for (int i = current; i >= 0; i--) {
            Revision revision = revisions.get(i);
            if (revision.probability() == null) {
                continue;
            }
            if (i == current) {
                return revision.probability();
            }
            Integer thenStageProbability = pipeline.stage(stageAt(revision.at()))
                    .map(PipelineDefinition.Stage::probability)
                    .orElse(null);
            boolean ownProbability =
                    thenStageProbability != null && thenStageProbability.intValue() != revision.probability();
            return ownProbability || stageProbability == null ? revision.probability() : stageProbability;
        }
        return stageProbability == null ? 0 : stageProbability;
    }

    private String stageAt(Instant instant) {
        return lastAtOrBefore(stages, instant, StageVisit::enteredAt).stageKey();
    }

    private List<StageVisit> moveTo(String stageKey, Instant at) {
        List<StageVisit> next = new ArrayList<>(stages);
        StageVisit current = next.removeLast();
        next.add(new StageVisit(current.stageKey(), current.enteredAt(), at));
        next.add(new StageVisit(stageKey, at, null));
        return List.copyOf(next);
    }

    private DealHistory with(List<StageVisit> stages, List<StatusChange> statuses, Revision revision, long sequence) {
        return new DealHistory(
                id,
                tenantId,
                dealId,
                pipelineId,
                createdAt,
                stages,
                statuses,
                append(revisions, revision),
                sequence,
                true);
    }

    private static <T> List<T> append(List<T> list, T element) {
        List<T> next = new ArrayList<>(list);
        next.add(element);
        return List.copyOf(next);
    }

    /**
     * The last element (in event order) that happened at or before {@code instant}; the first one when none did,
     * which only a deal created after {@code instant} could ask for, and {@link #at} answers those before.
     */
    private static <T> T lastAtOrBefore(List<T> list, Instant instant, Function<T, Instant> at) {
        return list.get(lastIndexAtOrBefore(list, instant, at));
    }

    private static <T> int lastIndexAtOrBefore(List<T> list, Instant instant, Function<T, Instant> at) {
        int found = 0;
        for (int i = 0; i < list.size(); i++) {
            if (!at.apply(list.get(i)).isAfter(instant)) {
                found = i;
            }
        }
        return found;
    }

    private static String day(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
