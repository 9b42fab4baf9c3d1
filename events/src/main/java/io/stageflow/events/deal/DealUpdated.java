package io.stageflow.events.deal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stageflow.events.CloudEventType;
import io.stageflow.events.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Fields of a deal changed other than its stage: {@code changedFields} names them, the other fields carry the
 * values analytics projects after the change ({@code stale} included, set by the daily stale-deal check).
 */
@CloudEventType("stageflow.deal.updated")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DealUpdated(
        String dealId,
        String pipelineId,
        List<String> changedFields,
        Money amount,
        int probability,
        String ownerId,
        LocalDate expectedCloseDate,
        boolean stale,
        Instant updatedAt)
        implements DealEvent {}
