package io.stageflow.events;

/** Topic names; each consumed topic has a dead-letter topic named {@code <topic>.dlq}. */
public final class Topics {

    public static final String LEAD_INTAKE = "lead-intake";
    public static final String LEAD_EVENTS = "lead-events";
    public static final String DEAL_EVENTS = "deal-events";
    public static final String SURVEY_EVENTS = "survey-events";
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {}
}
