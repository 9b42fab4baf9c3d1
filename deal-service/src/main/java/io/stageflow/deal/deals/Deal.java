package io.stageflow.deal.deals;

import io.stageflow.deal.pipelines.Pipeline;
import io.stageflow.deal.pipelines.Stage;
import io.stageflow.deal.pipelines.StageType;
import io.stageflow.events.Money;
import io.stageflow.events.deal.DealCreated;
import io.stageflow.events.deal.DealLost;
import io.stageflow.events.deal.DealReopened;
import io.stageflow.events.deal.DealUpdated;
import io.stageflow.events.deal.DealWon;
import io.stageflow.events.deal.StageChanged;
import io.stageflow.platform.outbox.AggregateRoot;
import io.stageflow.platform.web.ConflictException;
import io.stageflow.platform.web.UnprocessableInputException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An opportunity (or a piece of project work) moving through the stages of one pipeline. Each change checks
 * its rule against the pipeline, then records the event that says what happened. The amount is kept in the
 * currency's minor units; probabilities are whole percent.
 */
@Document("deals")
@CompoundIndexes({
    @CompoundIndex(name = "board", def = "{'tenantId': 1, 'pipelineId': 1, 'stageKey': 1, '_id': 1}"),
    @CompoundIndex(name = "tenant_status", def = "{'tenantId': 1, 'status': 1, '_id': 1}"),
    @CompoundIndex(name = "tenant_owner", def = "{'tenantId': 1, 'ownerId': 1, '_id': 1}"),
    @CompoundIndex(name = "tenant_labels", def = "{'tenantId': 1, 'labels': 1, '_id': 1}"),
    @CompoundIndex(name = "tenant_close", def = "{'tenantId': 1, 'expectedCloseDate': 1, '_id': 1}"),
    @CompoundIndex(name = "tenant_amount", def = "{'tenantId': 1, 'amount.currency': 1, 'amount.minorUnits': 1}"),
    @CompoundIndex(name = "tenant_rotting", def = "{'tenantId': 1, 'status': 1, 'rotsAt': 1}"),
    @CompoundIndex(name = "tenant_next_step", def = "{'tenantId': 1, 'status': 1, 'nextActivityDueAt': 1}"),
    @CompoundIndex(name = "open_staleness", def = "{'status': 1, 'stale': 1}")
})
public class Deal extends AggregateRoot {

    @Id
    private String id;

    private String tenantId;
    private String title;
    private String pipelineId;
    private String stageKey;
    private Instant stageEnteredAt;
    /** The open stage a closed deal left; where reopening puts it back. */
    private String lastOpenStageKey;

    private Money amount;
    private Integer probabilityOverride;
    private String ownerId;
    private String leadId;
    private String company;
    private LocalDate expectedCloseDate;
    private Set<String> labels = new TreeSet<>();
    private List<DealActivity> activities = new ArrayList<>();

    private DealStatus status;
    private String lostReason;
    private Instant closedAt;

    /** When the deal rots in its current stage; null when the stage never rots. Kept for the stale query. */
    private Instant rotsAt;
    /** Open (not done) activities; zero makes an open deal stale. */
    private int openActivities;
    /** Due time of the earliest open activity: the deal's next step. */
    private Instant nextActivityDueAt;
    /** Staleness as last published; the daily check publishes a change. */
    private boolean stale;

    private Instant createdAt;
    private Instant updatedAt;

    @Version
    private Long version;

    protected Deal() {}

    /** Opens a deal in {@code draft.stageKey()} or the pipeline's first open stage. */
    public static Deal open(String tenantId, String id, DealDraft draft, Pipeline pipeline, Clock clock) {
        Stage stage = draft.stageKey() == null
                ? pipeline.firstOpenStage()
                : pipeline.requireOpenStage("stageKey", draft.stageKey());
        Instant now = now(clock);
        var deal = new Deal();
        deal.id = id;
        deal.tenantId = tenantId;
        deal.title = draft.title().strip();
        deal.pipelineId = pipeline.id();
        deal.amount = draft.amount();
        deal.probabilityOverride = draft.probability();
        deal.ownerId = blankToNull(draft.ownerId());
        deal.leadId = draft.leadId();
        deal.company = blankToNull(draft.company());
        deal.expectedCloseDate = draft.expectedCloseDate();
        deal.labels.addAll(draft.labels());
        deal.status = DealStatus.OPEN;
        deal.createdAt = now;
        deal.updatedAt = now;
        deal.enter(stage, now);
        deal.stale = deal.isStaleAt(now);
        deal.record(new DealCreated(
                deal.id,
                deal.pipelineId,
                deal.stageKey,
                deal.amount,
                deal.probability(pipeline),
                deal.ownerId,
                deal.leadId,
                deal.expectedCloseDate,
                List.copyOf(deal.labels),
                deal.stale,
                now));
        return deal;
    }

    /** Moves an open deal to another open stage, forward or backward; the same stage changes nothing. */
    public void moveTo(Pipeline pipeline, String targetKey, Clock clock) {
        requireOpen("move to another stage");
        Stage target = pipeline.requireOpenStage("stageKey", targetKey);
        if (target.key().equals(stageKey)) {
            return;
        }
        changeStage(pipeline, target, now(clock));
    }

    /**
     * Moves an open deal out of a stage its pipeline no longer has (the stage was removed with this target);
     * a normal stage change for everyone downstream.
     */
    public void relocate(Pipeline pipeline, String removedKey, String targetKey, Clock clock) {
        if (status != DealStatus.OPEN || !removedKey.equals(stageKey)) {
            return;
        }
        changeStage(pipeline, pipeline.requireOpenStage("moveDealsTo." + removedKey, targetKey), now(clock));
    }

    private void changeStage(Pipeline pipeline, Stage target, Instant now) {
        String from = stageKey;
        long seconds = secondsInStage(now);
        enter(target, now);
        updatedAt = now;
        stale = isStaleAt(now);
        record(new StageChanged(
                id, pipelineId, from, target.key(), seconds, amount, probability(pipeline), stale, now));
    }

    public void win(Pipeline pipeline, Clock clock) {
        requireOpen("be won");
        Stage won = pipeline.stageOfType(StageType.WON)
                .orElseThrow(() -> new ConflictException(
                        "no-won-stage", "Pipeline " + pipelineId + " has no WON stage", Map.of()));
        Instant now = now(clock);
        String from = stageKey;
        long seconds = secondsInStage(now);
        close(DealStatus.WON, won, now);
        record(new DealWon(id, pipelineId, from, won.key(), seconds, amount, now));
    }

    /** Closes the deal as lost; the reason must be one of the pipeline's lost reasons. */
    public void lose(Pipeline pipeline, String reason, Clock clock) {
        requireOpen("be lost");
        if (reason == null || reason.isBlank()) {
            throw new UnprocessableInputException("reason", "is required");
        }
        if (!pipeline.acceptsLostReason(reason)) {
            throw new UnprocessableInputException(
                    "reason", "must be one of the pipeline's lost reasons " + pipeline.lostReasons());
        }
        Stage lost = pipeline.stageOfType(StageType.LOST)
                .orElseThrow(() -> new ConflictException(
                        "no-lost-stage", "Pipeline " + pipelineId + " has no LOST stage", Map.of()));
        Instant now = now(clock);
        String from = stageKey;
        long seconds = secondsInStage(now);
        close(DealStatus.LOST, lost, now);
        lostReason = reason;
        record(new DealLost(id, pipelineId, from, lost.key(), seconds, amount, reason, now));
    }

    /** Opens a won or lost deal again, in {@code targetKey}, or else the open stage it was closed from. */
    public void reopen(Pipeline pipeline, String targetKey, Clock clock) {
        if (status == DealStatus.OPEN) {
            throw new DealClosedException(id, status, "be reopened (it is open)");
        }
        Stage target;
        if (targetKey != null) {
            target = pipeline.requireOpenStage("stageKey", targetKey);
        } else {
            target = Optional.ofNullable(lastOpenStageKey)
                    .flatMap(pipeline::stage)
                    .filter(Stage::isOpen)
                    .orElseGet(pipeline::firstOpenStage);
        }
        Instant now = now(clock);
        String from = stageKey;
        status = DealStatus.OPEN;
        lostReason = null;
        closedAt = null;
        enter(target, now);
        updatedAt = now;
        stale = isStaleAt(now);
        record(new DealReopened(
                id,
                pipelineId,
                from,
                target.key(),
                stale,
                now,
                probabilityOverride != null ? probabilityOverride : target.probability()));
    }

    /** Applies a person's edit; records one {@code deal.updated} naming the changed fields, or nothing. */
    public void edit(DealEdit edit, Pipeline pipeline, Clock clock) {
        List<String> changed = new ArrayList<>();
        if (edit.title() != null && !edit.title().strip().equals(title)) {
            title = edit.title().strip();
            changed.add("title");
        }
        change(changed, "amount", amount, edit.amount(), v -> amount = v);
        // an empty string clears these; null leaves them as they are
        if (edit.ownerId() != null && !Objects.equals(ownerId, blankToNull(edit.ownerId()))) {
            ownerId = blankToNull(edit.ownerId());
            changed.add("ownerId");
        }
        if (edit.company() != null && !Objects.equals(company, blankToNull(edit.company()))) {
            company = blankToNull(edit.company());
            changed.add("company");
        }
        change(changed, "expectedCloseDate", expectedCloseDate, edit.expectedCloseDate(), v -> expectedCloseDate = v);
        if (edit.clearProbability()) {
            if (probabilityOverride != null) {
                probabilityOverride = null;
                changed.add("probability");
            }
        } else {
            change(changed, "probability", probabilityOverride, edit.probability(), v -> probabilityOverride = v);
        }
        if (edit.labels() != null && !edit.labels().equals(labels)) {
            labels = new TreeSet<>(edit.labels());
            changed.add("labels");
        }
        recordUpdate(changed, pipeline, now(clock));
    }

    public DealActivity addActivity(ActivityDraft draft, Pipeline pipeline, Clock clock) {
        if (activities.size() >= DealValidation.MAX_ACTIVITIES) {
            throw new ConflictException(
                    "too-many-activities",
                    "Deal " + id + " already has " + DealValidation.MAX_ACTIVITIES + " activities",
                    Map.of());
        }
        Instant now = now(clock);
        var activity = new DealActivity(
                UUID.randomUUID().toString(),
                draft.type(),
                draft.subject().strip(),
                draft.dueAt() == null ? null : draft.dueAt().truncatedTo(ChronoUnit.MILLIS),
                false,
                null,
                now);
        activities.add(activity);
        recordUpdate(new ArrayList<>(List.of("activities")), pipeline, now);
        return activity;
    }

    /** Marks an activity done or not done; 404-like empty when the deal has no such activity. */
    public Optional<DealActivity> markActivity(String activityId, boolean done, Pipeline pipeline, Clock clock) {
        for (int i = 0; i < activities.size(); i++) {
            DealActivity activity = activities.get(i);
            if (activity.id().equals(activityId)) {
                if (activity.done() != done) {
                    Instant now = now(clock);
                    activity = new DealActivity(
                            activity.id(),
                            activity.type(),
                            activity.subject(),
                            activity.dueAt(),
                            done,
                            done ? now : null,
                            activity.createdAt());
                    activities.set(i, activity);
                    recordUpdate(new ArrayList<>(List.of("activities")), pipeline, now);
                }
                return Optional.of(activity);
            }
        }
        return Optional.empty();
    }

    /**
     * The daily check: publishes {@code deal.updated} when the deal became stale or fresh by the passing of
     * time, and refreshes the rotting time when the stage's rotting days changed.
     *
     * @return whether the deal changed and needs saving
     */
    public boolean checkStaleness(Pipeline pipeline, Clock clock) {
        Instant now = now(clock);
        Instant rotsBefore = rotsAt;
        if (status == DealStatus.OPEN) {
            pipeline.stage(stageKey).ifPresent(stage -> rotsAt = stage.rotsAt(stageEnteredAt));
        }
        recordUpdate(new ArrayList<>(), pipeline, now);
        return !Objects.equals(rotsBefore, rotsAt) || !recordedEvents().isEmpty();
    }

    private void recordUpdate(List<String> changed, Pipeline pipeline, Instant now) {
        refreshActivitySummary();
        boolean staleNow = isStaleAt(now);
        if (staleNow != stale) {
            stale = staleNow;
            changed.add("stale");
        }
        if (changed.isEmpty()) {
            return;
        }
        updatedAt = now;
        record(new DealUpdated(
                id,
                pipelineId,
                List.copyOf(changed),
                amount,
                probability(pipeline),
                ownerId,
                expectedCloseDate,
                stale,
                now));
    }

    /** Stale: open, and either longer in its stage than the stage's rotting days or without any open activity. */
    public boolean isStaleAt(Instant now) {
        return isStale(status, rotsAt, openActivities, now);
    }

    /** The stale rule, for deals and for copies of their state (board cards). */
    public static boolean isStale(DealStatus status, Instant rotsAt, int openActivities, Instant now) {
        return status == DealStatus.OPEN && ((rotsAt != null && !now.isBefore(rotsAt)) || openActivities == 0);
    }

    /** The probability in effect: the deal's own override, or its stage's. */
    public int probability(Pipeline pipeline) {
        if (probabilityOverride != null) {
            return probabilityOverride;
        }
        return pipeline.stage(stageKey).map(Stage::probability).orElse(0);
    }

    /** The earliest open activity: what should happen next on this deal. */
    public Optional<DealActivity> nextActivity() {
        return activities.stream()
                .filter(activity -> !activity.done())
                .min(Comparator.comparing(
                        DealActivity::dueAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder())));
    }

    private void enter(Stage stage, Instant now) {
        stageKey = stage.key();
        stageEnteredAt = now;
        rotsAt = stage.rotsAt(now);
        if (stage.isOpen()) {
            lastOpenStageKey = stage.key();
        }
        refreshActivitySummary();
    }

    private void close(DealStatus closedAs, Stage stage, Instant now) {
        status = closedAs;
        closedAt = now;
        updatedAt = now;
        enter(stage, now);
        rotsAt = null;
        stale = false;
    }

    private void refreshActivitySummary() {
        openActivities = (int) activities.stream().filter(a -> !a.done()).count();
        nextActivityDueAt = nextActivity().map(DealActivity::dueAt).orElse(null);
    }

    private long secondsInStage(Instant now) {
        return Math.max(0, Duration.between(stageEnteredAt, now).toSeconds());
    }

    private void requireOpen(String attempted) {
        if (status != DealStatus.OPEN) {
            throw new DealClosedException(id, status, attempted);
        }
    }

    private static <T> void change(List<String> changed, String field, T current, T next, Consumer<T> set) {
        if (next != null && !Objects.equals(current, next)) {
            set.accept(next);
            changed.add(field);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public String aggregateId() {
        return id;
    }

    @Override
    public String tenantId() {
        return tenantId;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String pipelineId() {
        return pipelineId;
    }

    public String stageKey() {
        return stageKey;
    }

    public Instant stageEnteredAt() {
        return stageEnteredAt;
    }

    public Money amount() {
        return amount;
    }

    public Integer probabilityOverride() {
        return probabilityOverride;
    }

    public String ownerId() {
        return ownerId;
    }

    public String leadId() {
        return leadId;
    }

    public String company() {
        return company;
    }

    public LocalDate expectedCloseDate() {
        return expectedCloseDate;
    }

    public Set<String> labels() {
        return Set.copyOf(labels);
    }

    public List<DealActivity> activities() {
        return List.copyOf(activities);
    }

    public DealStatus status() {
        return status;
    }

    public String lostReason() {
        return lostReason;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public Instant rotsAt() {
        return rotsAt;
    }

    public int openActivities() {
        return openActivities;
    }

    public Instant nextActivityDueAt() {
        return nextActivityDueAt;
    }

    public boolean stale() {
        return stale;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version == null ? 0 : version;
    }
}
