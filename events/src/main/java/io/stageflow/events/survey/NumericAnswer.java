package io.stageflow.events.survey;

/** The value given to one question, as a number (see {@link SurveyQuestion} for what it means). */
public record NumericAnswer(String questionId, int value) {}
