package io.stageflow.lead.leads;

/** Where a lead came from in marketing terms: the UTM parameters of its first touch. */
public record Attribution(String source, String medium, String campaign, String term, String content) {}
