package io.stageflow.deal.deals.web;

import io.stageflow.deal.deals.Deal;
import io.stageflow.deal.deals.DealActivity;
import io.stageflow.deal.deals.DealStatus;
import io.stageflow.deal.pipelines.Pipeline;
import io.stageflow.platform.money.Amount;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

final class DealResponses {

    private DealResponses() {}

    /**
     * A deal as clients see it. {@code probability} is the one in effect, {@code weightedAmount} the amount
     * times it; {@code nextActivity} is the earliest open activity.
     */
    record DealBody(
            String id,
            String title,
            String pipelineId,
            String stageKey,
            Instant stageEnteredAt,
            Amount amount,
            int probability,
            Integer probabilityOverride,
            Amount weightedAmount,
            String ownerId,
            String leadId,
            String company,
            LocalDate expectedCloseDate,
            Set<String> labels,
            DealStatus status,
            String lostReason,
            Instant closedAt,
            boolean stale,
            DealActivity nextActivity,
            List<DealActivity> activities,
            Instant createdAt,
            Instant updatedAt,
            long version) {

        static DealBody of(Deal deal, Pipeline pipeline, boolean withActivities, Instant now) {
            int probability = deal.probability(pipeline);
            Amount amount = deal.amount() == null ? null : Amount.of(deal.amount());
            Amount weighted = amount == null
                    ? null
                    : new Amount(
                            amount.value()
                                    .multiply(BigDecimal.valueOf(probability))
                                    .movePointLeft(2)
                                    .setScale(amount.value().scale(), RoundingMode.HALF_EVEN),
                            amount.currency());
            return new DealBody(
                    deal.id(),
                    deal.title(),
                    deal.pipelineId(),
                    deal.stageKey(),
                    deal.stageEnteredAt(),
                    amount,
                    probability,
                    deal.probabilityOverride(),
                    weighted,
                    deal.ownerId(),
                    deal.leadId(),
                    deal.company(),
                    deal.expectedCloseDate(),
                    deal.labels(),
                    deal.status(),
                    deal.lostReason(),
                    deal.closedAt(),
                    deal.isStaleAt(now),
                    deal.nextActivity().orElse(null),
                    withActivities ? deal.activities() : null,
                    deal.createdAt(),
                    deal.updatedAt(),
                    deal.version());
        }
    }

    record DealPage(List<DealBody> items, String nextCursor) {}
}
