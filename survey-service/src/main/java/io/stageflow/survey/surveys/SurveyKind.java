package io.stageflow.survey.surveys;

public enum SurveyKind {
    /** 1 to 10 questions of any type, asked at a steady rhythm. */
    PULSE,
    /** The eNPS question on a 0–10 (or 1–10) scale and an optional "why?". */
    ENPS
}
