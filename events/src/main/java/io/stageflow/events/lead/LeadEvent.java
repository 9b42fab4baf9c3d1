package io.stageflow.events.lead;

import io.stageflow.events.EventStream;
import io.stageflow.events.Topics;

/**
 * Everything that happens to a lead, published by lead-service on {@code lead-events} keyed by lead id.
 * Events carry no contact details (names, email, phone): the topic is kept forever, and personal data
 * must stay erasable in lead-service's own store.
 */
@EventStream(topic = Topics.LEAD_EVENTS, source = "/stageflow/lead-service")
public sealed interface LeadEvent
        permits LeadCreated, LeadUpdated, LeadQualified, LeadDisqualified, LeadConverted, LeadErased {

    String leadId();
}
