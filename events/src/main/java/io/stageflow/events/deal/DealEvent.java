package io.stageflow.events.deal;

import io.stageflow.events.EventStream;
import io.stageflow.events.Topics;

/**
 * Everything that happens to pipelines and deals, published by deal-service on {@code deal-events}. The record
 * key is the aggregate id: the deal id, or the pipeline id for {@link PipelineDefined}. Deal titles, company
 * names and activity texts stay in deal-service: they are free text that may name people.
 */
@EventStream(topic = Topics.DEAL_EVENTS, source = "/stageflow/deal-service")
public sealed interface DealEvent
        permits PipelineDefined, DealCreated, StageChanged, DealWon, DealLost, DealReopened, DealUpdated {}
