package io.stageflow.events.survey;

import io.stageflow.events.CloudEventType;
import java.time.YearMonth;

/**
 * A one-on-one meeting took place. Only the manager and the month leave survey-service, so analytics can
 * count meetings per manager and month; agenda, notes and action items never do.
 */
@CloudEventType("stageflow.one-on-one.held")
public record OneOnOneHeld(String oneOnOneId, String managerId, YearMonth month) implements SurveyEvent {}
