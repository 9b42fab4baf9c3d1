package io.stageflow.survey.runs;

/** One validated answer: a number for every numeric question, text for a free-text one. */
public record StoredAnswer(String questionId, Integer value, String text) {}
