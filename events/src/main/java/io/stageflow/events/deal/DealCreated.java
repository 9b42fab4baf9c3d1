package io.stageflow.events.deal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stageflow.events.CloudEventType;
import io.stageflow.events.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A deal opened in {@code stageKey}; {@code probability} is the one in effect (override or stage). */
@CloudEventType("stageflow.deal.created")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DealCreated(
        String dealId,
        String pipelineId,
        String stageKey,
        Money amount,
        int probability,
        String ownerId,
        String leadId,
        LocalDate expectedCloseDate,
        List<String> labels,
        boolean stale,
        Instant createdAt)
        implements DealEvent {}
