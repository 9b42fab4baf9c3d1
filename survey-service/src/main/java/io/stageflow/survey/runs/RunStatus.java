package io.stageflow.survey.runs;

public enum RunStatus {
    /** Created; invitations are being written and delivered. */
    OPENING,
    /** Invitations are out; answers are accepted until the run closes. */
    OPEN,
    /** The window has passed; every response has been published. */
    CLOSED
}
