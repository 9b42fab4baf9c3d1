package io.stageflow.events.lead;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Marketing attribution of a lead (UTM parameters of the landing page or campaign). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Utm(String source, String medium, String campaign, String term, String content) {}
