package io.stageflow.lead.leads;

import java.time.Instant;

/** Marketing consent as given: yes or no, when, and through which form or channel. */
public record Consent(boolean marketing, Instant at, String source) {}
