package io.stageflow.events.survey;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One question as analytics needs it to read numeric answers: its type decides what a value means
 * ({@code SCALE_0_10}, {@code LIKERT_5}, {@code SINGLE_CHOICE} as the option's index, {@code YES_NO} as 1 or 0;
 * {@code FREE_TEXT} answers never leave survey-service).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SurveyQuestion(String questionId, String type, String text, List<String> options, boolean required) {}
