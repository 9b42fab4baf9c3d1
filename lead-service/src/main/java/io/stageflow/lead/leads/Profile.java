package io.stageflow.lead.leads;

/** The person and their company: what people type, and what scoring looks at. All personal data. */
public record Profile(
        String firstName,
        String lastName,
        String company,
        String jobTitle,
        String phone,
        String industry,
        Integer companySize,
        String country) {

    public static final Profile EMPTY = new Profile(null, null, null, null, null, null, null, null);
}
