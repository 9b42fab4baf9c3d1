package io.stageflow.deal.pipelines;

/** Whether deals in a stage are still being worked on ({@code OPEN}) or closed as won or lost. */
public enum StageType {
    OPEN,
    WON,
    LOST
}
