package io.stageflow.lead.leads;

import io.stageflow.platform.web.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one set of input rules for a lead, whichever door it comes through (API, intake, import), so a
 * lead refused by one is refused by all, with the same field named.
 */
public final class LeadValidation {

    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    static final int NAME = 100;
    static final int TEXT = 200;

    private LeadValidation() {}

    public static List<FieldError> problems(LeadDraft draft) {
        var problems = new ArrayList<FieldError>();
        String email = draft.email() == null ? null : draft.email().strip();
        if (email == null || email.isEmpty()) {
            problems.add(new FieldError("email", "must not be blank"));
        } else if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            problems.add(new FieldError("email", "must be a valid email address"));
        }
        if (draft.source() != null && !SOURCE.matcher(draft.source()).matches()) {
            problems.add(new FieldError("source", "must be a lower-case key such as web, event or import"));
        }
        problems.addAll(problems(draft.profile(), draft.ownerId(), draft.tags(), draft.attributes()));
        return problems;
    }

    /** Rules for the editable part of a lead; null collections are allowed (nothing to check). */
    public static List<FieldError> problems(
            Profile profile, String ownerId, java.util.Set<String> tags, java.util.Map<String, String> attributes) {
        var problems = new ArrayList<FieldError>();
        if (profile == null) {
            profile = Profile.EMPTY;
        }
        length(problems, "firstName", profile.firstName(), NAME);
        length(problems, "lastName", profile.lastName(), NAME);
        length(problems, "company", profile.company(), TEXT);
        length(problems, "jobTitle", profile.jobTitle(), TEXT);
        length(problems, "phone", profile.phone(), 50);
        length(problems, "industry", profile.industry(), NAME);
        if (profile.country() != null && !COUNTRY.matcher(profile.country()).matches()) {
            problems.add(new FieldError("country", "must be an ISO 3166 code such as DE"));
        }
        if (profile.companySize() != null && profile.companySize() < 0) {
            problems.add(new FieldError("companySize", "must not be negative"));
        }
        length(problems, "ownerId", ownerId, NAME);
        tags = tags == null ? java.util.Set.of() : tags;
        attributes = attributes == null ? java.util.Map.of() : attributes;
        if (tags.size() > 50) {
            problems.add(new FieldError("tags", "at most 50 tags"));
        }
        tags.forEach(tag -> length(problems, "tags", tag, 50));
        if (attributes.size() > 50) {
            problems.add(new FieldError("attributes", "at most 50 attributes"));
        }
        attributes.forEach((key, value) -> {
            length(problems, "attributes." + key, key, 50);
            length(problems, "attributes." + key, value, 500);
        });
        return problems;
    }

    private static void length(List<FieldError> problems, String field, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }
}
