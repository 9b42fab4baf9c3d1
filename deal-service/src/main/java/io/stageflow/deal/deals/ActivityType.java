package io.stageflow.deal.deals;

public enum ActivityType {
    CALL,
    MEETING,
    EMAIL,
    TASK
}
