package io.stageflow.lead.leads;

import io.stageflow.events.Money;
import io.stageflow.events.lead.LeadConverted;
import io.stageflow.events.lead.LeadCreated;
import io.stageflow.events.lead.LeadDisqualified;
import io.stageflow.events.lead.LeadErased;
import io.stageflow.events.lead.LeadQualified;
import io.stageflow.events.lead.LeadUpdated;
import io.stageflow.events.lead.Utm;
import io.stageflow.platform.messaging.EventIds;
import io.stageflow.platform.outbox.AggregateRoot;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person who might buy: the start of every pipeline. One lead per normalised email and tenant. Every
 * change checks its rule, then records the event that says what happened; nothing here talks to Kafka.
 */
@Document("leads")
@CompoundIndexes({
    @CompoundIndex(name = "tenant_email", def = "{'tenantId': 1, 'emailKey': 1}", unique = true),
    @CompoundIndex(name = "tenant_status", def = "{'tenantId': 1, 'status': 1, '_id': 1}"),
    @CompoundIndex(name = "tenant_source", def = "{'tenantId': 1, 'source': 1, '_id': 1}"),
    @CompoundIndex(name = "tenant_campaign", def = "{'tenantId': 1, 'attribution.campaign': 1, '_id': 1}"),
    @CompoundIndex(name = "tenant_owner", def = "{'tenantId': 1, 'ownerId': 1, '_id': 1}"),
    @CompoundIndex(name = "tenant_score", def = "{'tenantId': 1, 'score': 1}"),
    @CompoundIndex(name = "tenant_created", def = "{'tenantId': 1, 'createdAt': 1}")
})
public class Lead extends AggregateRoot {

    /** How many intake keys a lead remembers: enough for any redelivery window, bounded for the document. */
    static final int REMEMBERED_INTAKE_KEYS = 100;

    @Id
    private String id;

    private String tenantId;
    /** The dedupe key: the normalised email, or a tombstone after erasure. */
    private String emailKey;

    private String email;
    private Profile profile;
    private String source;
    private Attribution attribution;
    private Consent consent;
    private List<Consent> consentHistory = new ArrayList<>();
    private String ownerId;
    private Set<String> tags = new TreeSet<>();
    private Map<String, String> attributes = new LinkedHashMap<>();
    private List<Activity> activities = new ArrayList<>();
    private List<String> intakeKeys = new ArrayList<>();
    private LeadStatus status;
    private String disqualificationReason;
    private int score;
    private String convertedDealId;
    private Instant createdAt;
    private Instant updatedAt;
    /** When the newest data merged into this lead was observed at its source; decides which values win. */
    private Instant dataObservedAt;

    private Instant erasedAt;

    @Version
    private Long version;

    protected Lead() {}

    public static Lead create(String tenantId, LeadDraft draft, LeadScorer scorer, Clock clock) {
        var lead = new Lead();
        Instant now = now(clock);
        lead.id = EventIds.next(clock).toString();
        lead.tenantId = tenantId;
        lead.email = normaliseEmail(draft.email());
        lead.emailKey = lead.email;
        lead.profile = draft.profile();
        lead.source = draft.source();
        lead.attribution = draft.attribution();
        if (draft.consent() != null) {
            lead.consent = draft.consent();
            lead.consentHistory.add(draft.consent());
        }
        lead.ownerId = draft.ownerId();
        lead.tags.addAll(draft.tags());
        lead.attributes.putAll(draft.attributes());
        lead.activities.addAll(draft.activities());
        lead.rememberIntakeKey(draft.intakeKey());
        lead.status = LeadStatus.NEW;
        lead.createdAt = now;
        lead.updatedAt = now;
        lead.dataObservedAt = draft.observedAt() != null ? draft.observedAt() : now;
        var score = scorer.score(tenantId, lead.profile, lead.activities, now);
        lead.score = score.points();
        lead.record(
                new LeadCreated(lead.id, lead.source, utm(lead.attribution), lead.status.name(), lead.ownerId, now));
        lead.promoteIfQualified(score, now);
        return lead;
    }

    /** Emails differ only in case and surrounding blanks when people type them; the dedupe key ignores both. */
    public static String normaliseEmail(String email) {
        return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Applies a person's edit: non-null fields replace the current ones, an empty string clears a text field.
     * Records one {@code lead.updated} naming the changed fields, or nothing when nothing changed.
     */
    public void edit(LeadEdit edit, LeadScorer scorer, Clock clock) {
        requireNotErased("be edited");
        if (edit.status() != null) {
            moveByEditing(edit.status());
        }
        Instant now = now(clock);
        var changes = new Changes();
        profile = changes.profile(profile, edit.profile(), true, true);
        if (edit.ownerId() != null) {
            changes.set("ownerId", ownerId, blankToNull(edit.ownerId()), v -> ownerId = v);
        }
        if (edit.tags() != null && !edit.tags().equals(tags)) {
            changes.changed.add("tags");
            tags = new TreeSet<>(edit.tags());
        }
        if (edit.attributes() != null && !edit.attributes().equals(attributes)) {
            changes.changed.add("attributes");
            attributes = new LinkedHashMap<>(edit.attributes());
        }
        if (edit.consent() != null && !edit.consent().equals(consent)) {
            changes.changed.add("consent");
            consent = edit.consent();
            consentHistory.add(edit.consent());
        }
        if (edit.status() != null && edit.status() != status) {
            changes.changed.add("status");
            status = edit.status();
        }
        if (!changes.changed.isEmpty()) {
            dataObservedAt = now;
        }
        finishChange(changes.changed, scorer, now);
    }

    /**
     * Merges what marketing automation, an import or a repeated form says about this person. Values observed
     * after the lead's last change win where they are not empty; older ones only fill gaps. Consent keeps its
     * history, activities add up once per report. Returns whether anything changed.
     */
    public boolean merge(LeadDraft draft, LeadScorer scorer, Clock clock) {
        requireNotErased("take new data");
        if (draft.intakeKey() != null && intakeKeys.contains(draft.intakeKey())) {
            return false;
        }
        Instant now = now(clock);
        boolean newer = draft.observedAt() == null || !draft.observedAt().isBefore(dataObservedAt);
        var changes = new Changes();
        profile = changes.profile(profile, draft.profile(), newer, false);
        if (draft.ownerId() != null && (newer || ownerId == null)) {
            changes.set("ownerId", ownerId, draft.ownerId(), v -> ownerId = v);
        }
        if (attribution == null && draft.attribution() != null) {
            changes.changed.add("attribution");
            attribution = draft.attribution();
        }
        if (!tags.containsAll(draft.tags())) {
            changes.changed.add("tags");
            tags.addAll(draft.tags());
        }
        for (var attribute : draft.attributes().entrySet()) {
            if (newer || !attributes.containsKey(attribute.getKey())) {
                if (!Objects.equals(attributes.put(attribute.getKey(), attribute.getValue()), attribute.getValue())) {
                    changes.changed.add("attributes");
                }
            }
        }
        if (draft.consent() != null && !consentHistory.contains(draft.consent())) {
            changes.changed.add("consent");
            consentHistory.add(draft.consent());
            consentHistory.sort(Comparator.comparing(Consent::at, Comparator.nullsFirst(Comparator.naturalOrder())));
            consent = consentHistory.getLast();
        }
        if (!draft.activities().isEmpty()) {
            changes.changed.add("activities");
            activities.addAll(draft.activities());
        }
        rememberIntakeKey(draft.intakeKey());
        if (newer && !changes.changed.isEmpty()) {
            dataObservedAt = draft.observedAt() != null ? draft.observedAt() : now;
        }
        finishChange(changes.changed, scorer, now);
        return !changes.changed.isEmpty();
    }

    /** A person qualifies the lead for sales: SQL. */
    public void qualify(LeadScorer scorer, Clock clock) {
        requireNotErased("be qualified");
        if (!(status.isBeforeQualification() || status == LeadStatus.MQL)) {
            throw new IllegalLeadTransitionException(status, "be qualified");
        }
        Instant now = now(clock);
        LeadStatus from = status;
        status = LeadStatus.SQL;
        updatedAt = now;
        record(new LeadQualified(id, from.name(), status.name(), score, now));
    }

    public void disqualify(String reason, Clock clock) {
        requireNotErased("be disqualified");
        if (!status.isOpen()) {
            throw new IllegalLeadTransitionException(status, "be disqualified");
        }
        Instant now = now(clock);
        LeadStatus from = status;
        status = LeadStatus.DISQUALIFIED;
        disqualificationReason = reason;
        updatedAt = now;
        record(new LeadDisqualified(id, from.name(), reason, now));
    }

    /** A sales-qualified lead becomes a deal; deal-service opens it from the event. Returns the deal's id. */
    public String convert(Conversion conversion, Clock clock) {
        requireNotErased("be converted");
        if (status != LeadStatus.SQL) {
            throw new IllegalLeadTransitionException(status, "be converted (only SQL leads can)");
        }
        Instant now = now(clock);
        status = LeadStatus.CONVERTED;
        convertedDealId = EventIds.next(clock).toString();
        updatedAt = now;
        String title = conversion.title() != null ? conversion.title() : defaultDealTitle();
        Money amount = conversion.amount() == null ? null : conversion.amount().toMinorUnits();
        record(new LeadConverted(id, convertedDealId, conversion.pipelineId(), title, amount, ownerId, now));
        return convertedDealId;
    }

    /**
     * GDPR erasure: every personal field goes at once; what analytics counts (source, dates, status) stays.
     * Erasing twice changes nothing more.
     */
    public void erase(Clock clock) {
        if (erasedAt != null) {
            return;
        }
        Instant now = now(clock);
        email = null;
        emailKey = "erased:" + id;
        profile = Profile.EMPTY;
        consent = null;
        consentHistory = new ArrayList<>();
        attributes = new LinkedHashMap<>();
        tags = new TreeSet<>();
        activities = new ArrayList<>();
        intakeKeys = new ArrayList<>();
        disqualificationReason = null;
        erasedAt = now;
        updatedAt = now;
        record(new LeadErased(id, now));
    }

    private void moveByEditing(LeadStatus target) {
        if (!target.isSetByEditing()) {
            throw new IllegalLeadTransitionException(
                    "Status " + target + " is not set by editing; use qualify, disqualify or convert");
        }
        boolean forward = status.isBeforeQualification() && target.ordinal() >= status.ordinal();
        if (!forward) {
            throw new IllegalLeadTransitionException(status, "move to " + target);
        }
    }

    private void finishChange(List<String> changed, LeadScorer scorer, Instant now) {
        if (changed.isEmpty()) {
            return;
        }
        updatedAt = now;
        var current = scorer.score(tenantId, profile, activities, now);
        score = current.points();
        record(new LeadUpdated(id, List.copyOf(new TreeSet<>(changed)), status.name(), score, now));
        promoteIfQualified(current, now);
    }

    private void promoteIfQualified(LeadScorer.Score current, Instant now) {
        if (status.isBeforeQualification() && current.qualifies()) {
            LeadStatus from = status;
            status = LeadStatus.MQL;
            record(new LeadQualified(id, from.name(), status.name(), score, now));
        }
    }

    private void rememberIntakeKey(String key) {
        if (key == null) {
            return;
        }
        intakeKeys.add(key);
        if (intakeKeys.size() > REMEMBERED_INTAKE_KEYS) {
            intakeKeys =
                    new ArrayList<>(intakeKeys.subList(intakeKeys.size() - REMEMBERED_INTAKE_KEYS, intakeKeys.size()));
        }
    }

    private void requireNotErased(String action) {
        if (erasedAt != null) {
            throw new IllegalLeadTransitionException("An erased lead cannot " + action);
        }
    }

    private String defaultDealTitle() {
        return profile.company() != null ? profile.company() : "Deal from lead " + id;
    }

    private static Utm utm(Attribution attribution) {
        return attribution == null
                ? null
                : new Utm(
                        attribution.source(),
                        attribution.medium(),
                        attribution.campaign(),
                        attribution.term(),
                        attribution.content());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** MongoDB keeps milliseconds; so does the lead, so what we answer is what we store. */
    private static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Collects the names of changed fields while applying new values. */
    private static final class Changes {

        final List<String> changed = new ArrayList<>();

        <T> void set(String field, T current, T next, java.util.function.Consumer<T> apply) {
            if (!Objects.equals(current, next)) {
                changed.add(field);
                apply.accept(next);
            }
        }

        /**
         * Non-empty incoming values replace current ones when {@code overwrite}, else only fill empty ones; an
         * empty string clears a field only when {@code clearing} (a person's edit, never a merge).
         */
        Profile profile(Profile current, Profile incoming, boolean overwrite, boolean clearing) {
            if (incoming == null) {
                return current;
            }
            return new Profile(
                    text("firstName", current, incoming, Profile::firstName, overwrite, clearing),
                    text("lastName", current, incoming, Profile::lastName, overwrite, clearing),
                    text("company", current, incoming, Profile::company, overwrite, clearing),
                    text("jobTitle", current, incoming, Profile::jobTitle, overwrite, clearing),
                    text("phone", current, incoming, Profile::phone, overwrite, clearing),
                    text("industry", current, incoming, Profile::industry, overwrite, clearing),
                    value("companySize", current.companySize(), incoming.companySize(), overwrite),
                    text("country", current, incoming, Profile::country, overwrite, clearing));
        }

        private String text(
                String field,
                Profile current,
                Profile incoming,
                Function<Profile, String> get,
                boolean overwrite,
                boolean clearing) {
            String now = get.apply(current);
            String next = get.apply(incoming);
            if (next == null || (next.isBlank() && !clearing) || (!overwrite && now != null)) {
                return now;
            }
            String value = blankToNull(next);
            if (!Objects.equals(now, value)) {
                changed.add(field);
            }
            return value;
        }

        private <T> T value(String field, T now, T next, boolean overwrite) {
            if (next == null || (!overwrite && now != null)) {
                return now;
            }
            if (!Objects.equals(now, next)) {
                changed.add(field);
            }
            return next;
        }
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

    public String email() {
        return email;
    }

    public Profile profile() {
        return profile;
    }

    public String source() {
        return source;
    }

    public Attribution attribution() {
        return attribution;
    }

    public Consent consent() {
        return consent;
    }

    public List<Consent> consentHistory() {
        return List.copyOf(consentHistory);
    }

    public String ownerId() {
        return ownerId;
    }

    public Set<String> tags() {
        return Set.copyOf(tags);
    }

    public Map<String, String> attributes() {
        return Map.copyOf(attributes);
    }

    public List<Activity> activities() {
        return List.copyOf(activities);
    }

    public LeadStatus status() {
        return status;
    }

    public String disqualificationReason() {
        return disqualificationReason;
    }

    public int score() {
        return score;
    }

    public String convertedDealId() {
        return convertedDealId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant erasedAt() {
        return erasedAt;
    }

    public long version() {
        return version == null ? 0 : version;
    }
}
