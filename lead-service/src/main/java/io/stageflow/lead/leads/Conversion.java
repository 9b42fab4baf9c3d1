package io.stageflow.lead.leads;

/** What the deal opened from a lead should look like; every part is optional. */
public record Conversion(String pipelineId, String title, Amount amount) {}
