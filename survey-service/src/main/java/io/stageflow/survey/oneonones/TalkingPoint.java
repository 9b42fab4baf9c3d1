package io.stageflow.survey.oneonones;

import java.time.Instant;

/** A point on a meeting's shared agenda; either participant adds them. */
public record TalkingPoint(String id, String text, String addedBy, Instant addedAt) {}
