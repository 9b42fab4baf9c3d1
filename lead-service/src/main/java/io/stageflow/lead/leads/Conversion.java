package io.stageflow.lead.leads;

import io.stageflow.platform.money.Amount;

/** What the deal opened from a lead should look like; every part is optional. */
public record Conversion(String pipelineId, String title, Amount amount) {}
