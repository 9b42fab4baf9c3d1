package io.stageflow.deal.deals;

public enum DealStatus {
    OPEN,
    WON,
    LOST
}
