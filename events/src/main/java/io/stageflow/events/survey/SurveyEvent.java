package io.stageflow.events.survey;

import io.stageflow.events.EventStream;
import io.stageflow.events.Topics;

/**
 * Everything survey-service tells the rest of the system, on {@code survey-events}. The record key is the
 * aggregate id: the survey run id for run events and answers, the survey id for {@link SurveyPublished}, the
 * one-on-one id for {@link OneOnOneHeld}. No event names a person who answered: answers carry only the
 * segment copied at invitation time and the day, never free text, and leave in batches (see
 * {@link SurveyAnswered}).
 */
@EventStream(topic = Topics.SURVEY_EVENTS, source = "/stageflow/survey-service")
public sealed interface SurveyEvent
        permits SurveyPublished, SurveyRunOpened, SurveyAnswered, SurveyRunClosed, OneOnOneHeld {}
