package io.stageflow.survey.surveys;

/**
 * What a question asks for, and so what an answer must be. Every type but free text has a numeric value,
 * the only kind of answer that ever leaves survey-service.
 */
public enum QuestionType {
    /** 0 to 10 (the eNPS question on the 1–10 scale: 1 to 10). */
    SCALE_0_10,
    /** 1 (strongly disagree) to 5 (strongly agree). */
    LIKERT_5,
    /** One of the question's options; stored and published as the option's index. */
    SINGLE_CHOICE,
    /** true or false; published as 1 or 0. */
    YES_NO,
    /** Up to 2,000 characters; shown only in aggregate (at least 10 answers), never published. */
    FREE_TEXT;

    public boolean numeric() {
        return this != FREE_TEXT;
    }
}
