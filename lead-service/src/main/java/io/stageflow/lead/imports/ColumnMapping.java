package io.stageflow.lead.imports;

import io.stageflow.lead.leads.Attribution;
import io.stageflow.lead.leads.LeadDraft;
import io.stageflow.lead.leads.Profile;
import io.stageflow.platform.web.FieldError;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which CSV column holds which lead field. Headers are recognised in English and German ("E-Mail",
 * "Vorname", "Firma" …); a caller's explicit mapping wins; columns matching no field become custom
 * attributes.
 */
final class ColumnMapping {

    static final Set<String> FIELDS = Set.of(
            "email",
            "firstName",
            "lastName",
            "company",
            "jobTitle",
            "phone",
            "industry",
            "companySize",
            "country",
            "source",
            "campaign",
            "ownerId");

    private static final Map<String, String> ALIASES = aliases();

    private final List<String> fieldByColumn;
    private final List<String> headers;

    private ColumnMapping(List<String> headers, List<String> fieldByColumn) {
        this.headers = headers;
        this.fieldByColumn = fieldByColumn;
    }

    /**
     * @param explicit header → field, from the caller; overrides recognition
     * @return the mapping, or the problems with the header line (no email column, a field mapped twice …)
     */
    static Either of(List<String> headers, Map<String, String> explicit) {
        var problems = new ArrayList<FieldError>();
        explicit.forEach((header, field) -> {
            if (!FIELDS.contains(field)) {
                problems.add(new FieldError(
                        "map." + header,
                        "must name a lead field: " + String.join(", ", new java.util.TreeSet<>(FIELDS))));
            } else if (!headers.contains(header)) {
                problems.add(new FieldError("map." + header, "is not a column of this file"));
            }
        });
        List<String> fields = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (String header : headers) {
            String field = explicit.getOrDefault(header, ALIASES.get(key(header)));
            if (field != null && seen.put(field, header) != null) {
                problems.add(new FieldError(
                        "header", "columns '" + seen.get(field) + "' and '" + header + "' both map to " + field));
            }
            fields.add(field);
        }
        if (!fields.contains("email")) {
            problems.add(new FieldError(
                    "header", "no email column (looked for Email, E-Mail, Mail; or map one with map.<column>=email)"));
        }
        return problems.isEmpty()
                ? new Either(new ColumnMapping(headers, fields), List.of())
                : new Either(null, problems);
    }

    record Either(ColumnMapping mapping, List<FieldError> problems) {}

    /** One row as a draft, or the reasons it cannot be one. */
    Row toDraft(List<String> values, String intakeKey, Instant observedAt) {
        if (values.size() != headers.size()) {
            return new Row(
                    null,
                    List.of(new FieldError(
                            "row", "has " + values.size() + " columns, the header has " + headers.size())));
        }
        Map<String, String> byField = new HashMap<>();
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i).strip();
            if (value.isEmpty()) {
                continue;
            }
            if (fieldByColumn.get(i) != null) {
                byField.put(fieldByColumn.get(i), value);
            } else {
                attributes.put(headers.get(i).strip(), value);
            }
        }
        Integer companySize = null;
        if (byField.containsKey("companySize")) {
            try {
                companySize = Integer.valueOf(
                        byField.get("companySize").replace(".", "").replace(" ", ""));
            } catch (NumberFormatException e) {
                return new Row(null, List.of(new FieldError("companySize", "must be a whole number")));
            }
        }
        String country = byField.get("country");
        var profile = new Profile(
                byField.get("firstName"),
                byField.get("lastName"),
                byField.get("company"),
                byField.get("jobTitle"),
                byField.get("phone"),
                byField.get("industry"),
                companySize,
                country == null ? null : country.toUpperCase(Locale.ROOT));
        String campaign = byField.get("campaign");
        return new Row(
                new LeadDraft(
                        byField.get("email"),
                        profile,
                        byField.getOrDefault("source", "import"),
                        campaign == null ? null : new Attribution(null, null, campaign, null, null),
                        null,
                        byField.get("ownerId"),
                        Set.of(),
                        attributes,
                        List.of(),
                        intakeKey,
                        observedAt),
                List.of());
    }

    record Row(LeadDraft draft, List<FieldError> problems) {}

    /** Case, blanks, dashes, underscores and accents do not matter: "E-Mail" = "email", "Straße" = "strasse". */
    private static String key(String header) {
        String plain =
                Normalizer.normalize(header.strip().toLowerCase(Locale.ROOT).replace("ß", "ss"), Normalizer.Form.NFD);
        return plain.replaceAll("[^a-z0-9]", "");
    }

    private static Map<String, String> aliases() {
        Map<String, String> aliases = new HashMap<>();
        put(aliases, "email", "email", "e-mail", "mail", "email address", "e-mail-adresse", "emailadresse");
        put(aliases, "firstName", "first name", "firstname", "given name", "vorname");
        put(aliases, "lastName", "last name", "lastname", "surname", "family name", "nachname", "name");
        put(aliases, "company", "company", "company name", "organisation", "organization", "firma", "unternehmen");
        put(aliases, "jobTitle", "job title", "title", "position", "role", "titel", "funktion", "berufsbezeichnung");
        put(aliases, "phone", "phone", "phone number", "telephone", "mobile", "telefon", "telefonnummer", "handy");
        put(aliases, "industry", "industry", "branche");
        put(
                aliases,
                "companySize",
                "company size",
                "employees",
                "number of employees",
                "mitarbeiter",
                "mitarbeiteranzahl");
        put(aliases, "country", "country", "country code", "land", "laendercode");
        put(aliases, "source", "source", "lead source", "quelle");
        put(aliases, "campaign", "campaign", "utm campaign", "utm_campaign", "kampagne");
        put(aliases, "ownerId", "owner", "owner id", "besitzer", "verantwortlich");
        return Map.copyOf(aliases);
    }

    private static void put(Map<String, String> aliases, String field, String... names) {
        for (String name : names) {
            aliases.put(key(name), field);
        }
    }
}
