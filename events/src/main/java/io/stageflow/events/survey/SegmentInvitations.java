package io.stageflow.events.survey;

/** How many employees of one segment a run invited: the denominator of that segment's response rate. */
public record SegmentInvitations(Segment segment, int invited) {}
