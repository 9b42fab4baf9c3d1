package io.stageflow.lead.leads;

/** What a person or a system tells us about a new lead; the email is the lead's identity per tenant. */
public record NewLead(String email, String firstName, String lastName, String company, String source) {}
