package io.stageflow.events.intake;

import io.stageflow.events.EventStream;
import io.stageflow.events.Topics;

/**
 * What marketing automation tells Stageflow about people, on {@code lead-intake} keyed by external id or
 * email. The only stream that carries contact details; it is kept for 7 days at most.
 */
@EventStream(topic = Topics.LEAD_INTAKE, source = "/marketing-automation", personalData = true)
public sealed interface LeadIntakeEvent permits LeadCaptured {}
