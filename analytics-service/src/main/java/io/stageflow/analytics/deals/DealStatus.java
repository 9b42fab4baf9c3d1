package io.stageflow.analytics.deals;

enum DealStatus {
    OPEN,
    WON,
    LOST
}
