package io.stageflow.lead.intake;

import io.stageflow.events.intake.LeadCaptured;
import io.stageflow.lead.leads.Activity;
import io.stageflow.lead.leads.ActivityType;
import io.stageflow.lead.leads.Attribution;
import io.stageflow.lead.leads.Consent;
import io.stageflow.lead.leads.LeadDraft;
import io.stageflow.lead.leads.Profile;
import io.stageflow.platform.web.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code lead.captured}, from either door, as a draft for intake; the same meaning whichever way it came. */
public final class IntakeMapping {

    private IntakeMapping() {}

    /** A draft, or the reasons it cannot become one. */
    public sealed interface Mapped {
        record Draft(LeadDraft draft) implements Mapped {}

        record Invalid(List<FieldError> errors) implements Mapped {}
    }

    /**
     * @param intakeKey what makes a redelivery of this same report harmless (the event id, or a digest of
     *     the HTTP item)
     * @param receivedAt when Stageflow received it, used when the sender gave no capture time
     */
    public static Mapped toDraft(LeadCaptured captured, String intakeKey, Instant receivedAt) {
        var errors = new ArrayList<FieldError>();
        if (captured.externalId() == null || captured.externalId().isBlank()) {
            errors.add(new FieldError("externalId", "must not be blank"));
        }
        Instant observedAt = captured.capturedAt() != null ? captured.capturedAt() : receivedAt;
        var activities = new ArrayList<Activity>();
        if (captured.activities() != null) {
            for (int i = 0; i < captured.activities().size(); i++) {
                var activity = captured.activities().get(i);
                var type = activity.type() == null
                        ? null
                        : ActivityType.fromKey(activity.type()).orElse(null);
                if (type == null) {
                    errors.add(new FieldError(
                            "activities[" + i + "].type", "must be form-submission, page-visit or email-click"));
                    continue;
                }
                int count = activity.count() == null ? 1 : activity.count();
                if (count < 1) {
                    errors.add(new FieldError("activities[" + i + "].count", "must be 1 or more"));
                    continue;
                }
                activities.add(new Activity(
                        type, activity.at() == null ? observedAt : activity.at(), count, intakeKey + "#" + i));
            }
        }
        if (captured.consent() != null && captured.consent().at() == null) {
            errors.add(new FieldError("consent.at", "must say when consent was given"));
        }
        if (!errors.isEmpty()) {
            return new Mapped.Invalid(errors);
        }
        var utm = captured.utm();
        return new Mapped.Draft(new LeadDraft(
                captured.email(),
                new Profile(
                        captured.firstName(),
                        captured.lastName(),
                        captured.company(),
                        captured.jobTitle(),
                        captured.phone(),
                        captured.industry(),
                        captured.companySize(),
                        captured.country()),
                captured.source() == null ? "event" : captured.source(),
                utm == null
                        ? null
                        : new Attribution(utm.source(), utm.medium(), utm.campaign(), utm.term(), utm.content()),
                captured.consent() == null
                        ? null
                        : new Consent(
                                captured.consent().marketing(),
                                captured.consent().at(),
                                captured.consent().source()),
                captured.ownerId(),
                captured.tags() == null ? Set.of() : Set.copyOf(captured.tags()),
                captured.attributes(),
                activities,
                intakeKey,
                observedAt));
    }
}
